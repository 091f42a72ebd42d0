// Build-time plot of (20)'s Jacobian chain: ‖∂s_t/∂s_r‖ against t − r for a few scales of W, made by the library.
import { forward, initParams } from '@rnn/core';
import { compile, tensor } from '@rnn/einsum';
import { defineLoader } from 'vitepress';
import { plotSvg } from '../lib/svg.js';

/** The plot and the figures the page quotes. */
export interface VanishingData {
  readonly svg: string;
  readonly hiddenSize: number;
  readonly steps: number;
  readonly chain: string;
  readonly rows: readonly {
    readonly gain: number;
    readonly at1: number;
    readonly at10: number;
    readonly at40: number;
  }[];
}

declare const data: VanishingData;

export { data };

const HIDDEN = 32;
const VOCAB = 8;
const STEPS = 50;
const GAINS = [0.5, 1, 1.5, 2.5];
/** One product step of (20): P_{t,r} = P_{t,r+1} · diag(1 − s_{r+1}²) · W. */
const CHAIN = 'mp,p,pn->mn';

/**
 * ‖∂s_t/∂s_r‖_F for t = T − 1 and r = t, t − 1, …, 0, with W rescaled to W = gain · W₀ / (rms(W₀) √H), so
 * that its spectral radius is close to `gain` (the circular law). Index d of the result is t − r.
 */
function chainNorms(gain: number, seed: number): number[] {
  const params = initParams({ vocabSize: VOCAB, hiddenSize: HIDDEN, seed });
  const w0 = params.W.toFlat();
  const rms = Math.sqrt(w0.reduce((acc, v) => acc + v * v, 0) / w0.length);
  const W = tensor(
    w0.map((v) => (gain * v) / (rms * Math.sqrt(HIDDEN))),
    [HIDDEN, HIDDEN],
  );
  const xs = Array.from({ length: STEPS }, (_, t) => (t * 5 + seed) % VOCAB);
  const s = forward({ ...params, W }, xs).s.toFlat();
  const step = compile(CHAIN, [[HIDDEN, HIDDEN], [HIDDEN], [HIDDEN, HIDDEN]]);
  let chain = tensor(
    Array.from({ length: HIDDEN * HIDDEN }, (_, i) => (i % (HIDDEN + 1) === 0 ? 1 : 0)),
    [HIDDEN, HIDDEN],
  );
  const norms = [1 * Math.sqrt(HIDDEN)];
  for (let r = STEPS - 2; r >= 0; r--) {
    const gate = tensor(
      Array.from({ length: HIDDEN }, (_, n) => 1 - (s[(r + 1) * HIDDEN + n] ?? Number.NaN) ** 2),
      [HIDDEN],
    );
    chain = step(chain, gate, W);
    norms.push(Math.sqrt(chain.toFlat().reduce((acc, v) => acc + v * v, 0)));
  }
  return norms;
}

export default defineLoader({
  load(): VanishingData {
    const curves = GAINS.map((gain) => ({ gain, norms: chainNorms(gain, 7) }));
    const svg = plotSvg({
      title: `‖∂s_t/∂s_r‖ along (20), H = ${HIDDEN}`,
      xLabel: 't − r (steps back in time)',
      yLabel: 'Frobenius norm',
      logY: true,
      series: curves.map(({ gain, norms }) => ({
        label: `W gain ${gain}`,
        style: 'line' as const,
        // A norm that underflows to 0 is drawn at 1e-300, the bottom of what a double can show.
        points: norms.map((norm, d) => [d, Math.max(norm, 1e-300)] as const),
      })),
    });
    const at = (norms: number[], d: number) => norms[d] ?? Number.NaN;
    const rows = curves.map(({ gain, norms }) => ({
      gain,
      at1: at(norms, 1),
      at10: at(norms, 10),
      at40: at(norms, 40),
    }));
    return { svg, hiddenSize: HIDDEN, steps: STEPS, chain: CHAIN, rows };
  },
});
