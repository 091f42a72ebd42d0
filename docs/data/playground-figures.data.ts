// Build-time figures of the playground, from docs/bench/results.json: what each page loads, frames while training.
import { defineLoader } from 'vitepress';
import { bundleRows, frameSummary, RESULTS_PATH, readResults } from '../bench/figures.mjs';

/**
 * What the installation and trainer pages quote.
 *
 * @example
 * ```ts
 * data.bundles[0].gzip; // e.g. '93.2 kB'
 * ```
 */
export interface PlaygroundFigures {
  readonly chromium: string;
  readonly machine: string;
  readonly bundles: ReturnType<typeof bundleRows>;
  readonly frames: ReturnType<typeof frameSummary> & { readonly hiddenSize: number; readonly steps: number };
}

declare const data: PlaygroundFigures;

export { data };

export default defineLoader({
  watch: [RESULTS_PATH],
  load(): PlaygroundFigures {
    const results = readResults();
    return {
      chromium: results.machine.chromium,
      machine: `${results.machine.cpu}, ${results.machine.cores} cores`,
      bundles: bundleRows(results),
      frames: {
        ...frameSummary(results),
        hiddenSize: results.training.hiddenSize,
        steps: results.training.steps,
      },
    };
  },
});
