// The Jacobian chain of (20), ‖∂s_t/∂s_r‖ for every r, computed by the libraries: the build's plot and the page's slider.
import { forward, initParams } from '@rnn/core';
import { compile, tensor } from '@rnn/einsum';

/**
 * One product step of (20): P_{t,r} = P_{t,r+1} · diag(1 − s_{r+1}²) · W.
 *
 * @example
 * ```ts
 * compile(CHAIN, [[H, H], [H], [H, H]]); // one step back along the chain
 * ```
 */
export const CHAIN = 'mp,p,pn->mn';

/**
 * The network and sequence of the vanishing-gradient plot.
 *
 * @example
 * ```ts
 * chainNorms(1, { hiddenSize: 4, vocabSize: 3, steps: 12, seed: 1 } satisfies ChainSetting).length; // 12
 * ```
 */
export interface ChainSetting {
  readonly hiddenSize: number;
  readonly vocabSize: number;
  readonly steps: number;
  readonly seed: number;
}

/**
 * The setting the derivation's plot and the playground's live version share.
 *
 * @example
 * ```ts
 * chainNorms(0.5, VANISHING_SETTING).length; // 50
 * ```
 */
export const VANISHING_SETTING: ChainSetting = { hiddenSize: 32, vocabSize: 8, steps: 50, seed: 7 };

/**
 * ‖∂s_t/∂s_r‖_F for t = T − 1 and r = t, t − 1, …, 0, with W rescaled to W = gain · W₀ / (rms(W₀) √H), so
 * that its spectral radius is close to `gain` (the circular law). Index d of the result is t − r.
 *
 * @example
 * ```ts
 * const norms = chainNorms(0.5);
 * norms[0]; // √32 ≈ 5.66: the identity at t − r = 0
 * norms[40] < 1e-10; // true: a small W forgets fast
 * ```
 */
export function chainNorms(gain: number, setting: ChainSetting = VANISHING_SETTING): number[] {
  const { hiddenSize: H, vocabSize: K, steps, seed } = setting;
  const params = initParams({ vocabSize: K, hiddenSize: H, seed });
  const w0 = params.W.toFlat();
  const rms = Math.sqrt(w0.reduce((acc, v) => acc + v * v, 0) / w0.length);
  const W = tensor(
    w0.map((v) => (gain * v) / (rms * Math.sqrt(H))),
    [H, H],
  );
  const xs = Array.from({ length: steps }, (_, t) => (t * 5 + seed) % K);
  const s = forward({ ...params, W }, xs).s.toFlat();
  const step = compile(CHAIN, [[H, H], [H], [H, H]]);
  let chain = tensor(
    Array.from({ length: H * H }, (_, i) => (i % (H + 1) === 0 ? 1 : 0)),
    [H, H],
  );
  const norms = [Math.sqrt(H)];
  for (let r = steps - 2; r >= 0; r--) {
    const gate = tensor(
      Array.from({ length: H }, (_, n) => 1 - (s[(r + 1) * H + n] ?? Number.NaN) ** 2),
      [H],
    );
    chain = step(chain, gate, W);
    norms.push(Math.sqrt(chain.toFlat().reduce((acc, v) => acc + v * v, 0)));
  }
  return norms;
}

/**
 * The plot series of one gain: a norm that underflows to 0 is drawn at 1e-300, the bottom of what a double shows.
 *
 * @example
 * ```ts
 * chainSeries(1, chainNorms(1)).points[0]; // [0, 5.66]
 * ```
 */
export function chainSeries(gain: number, norms: readonly number[]) {
  return {
    label: `W gain ${gain}`,
    style: 'line' as const,
    points: norms.map((norm, d) => [d, Math.max(norm, 1e-300)] as const),
  };
}
