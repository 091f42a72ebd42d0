// Build-time plot of (20)'s Jacobian chain: ‖∂s_t/∂s_r‖ against t − r for a few scales of W, made by the library.
import { defineLoader } from 'vitepress';
import { CHAIN, chainNorms, chainSeries, VANISHING_SETTING } from '../lib/jacobian-chain.js';
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

const GAINS = [0.5, 1, 1.5, 2.5];

export default defineLoader({
  load(): VanishingData {
    const { hiddenSize, steps } = VANISHING_SETTING;
    const curves = GAINS.map((gain) => ({ gain, norms: chainNorms(gain) }));
    const svg = plotSvg({
      title: `‖∂s_t/∂s_r‖ along (20), H = ${hiddenSize}`,
      xLabel: 't − r (steps back in time)',
      yLabel: 'Frobenius norm',
      logY: true,
      series: curves.map(({ gain, norms }) => chainSeries(gain, norms)),
    });
    const at = (norms: number[], d: number) => norms[d] ?? Number.NaN;
    const rows = curves.map(({ gain, norms }) => ({
      gain,
      at1: at(norms, 1),
      at10: at(norms, 10),
      at40: at(norms, 40),
    }));
    return { svg, hiddenSize, steps, chain: CHAIN, rows };
  },
});
