// The trainer page's loss chart: the run's losses thinned to a drawable number of points, as a plot spec.
import type { PlotSpec } from '../lib/svg.js';
import type { TrainingRun } from './training-run.js';

/**
 * A chart of more points than this is thinned: the SVG stays small and redrawing it stays cheap.
 *
 * @example
 * ```ts
 * thin(steps, losses, CHART_POINTS).length <= CHART_POINTS + 1; // true
 * ```
 */
export const CHART_POINTS = 400;

/**
 * Every k-th entry of `values` with its step (k chosen so at most `limit` remain), and always the last one.
 *
 * @example
 * ```ts
 * thin([1, 2, 3, 4, 5], [9, 8, 7, 6, 5], 2); // [[1, 9], [3, 7], [5, 5]]
 * ```
 */
export function thin(
  steps: readonly number[],
  values: readonly number[],
  limit: number,
): (readonly [number, number])[] {
  const stride = Math.max(1, Math.ceil(values.length / limit));
  const points: (readonly [number, number])[] = [];
  for (let i = 0; i < values.length; i += stride) points.push([steps[i] ?? i, values[i] ?? Number.NaN]);
  const last = values.length - 1;
  if (last >= 0 && last % stride !== 0) points.push([steps[last] ?? last, values[last] ?? Number.NaN]);
  return points;
}

/**
 * The plot of a run: the raw loss of each step and the trainer's smoothed loss, with log K (a model that has
 * learnt nothing) as the reference line. Undefined until there is a step to draw.
 *
 * @example
 * ```ts
 * const spec = lossChart(run);
 * if (spec) svg.value = plotSvg(spec);
 * ```
 */
export function lossChart(run: TrainingRun): PlotSpec | undefined {
  if (run.losses.length === 0) return undefined;
  const stride = Math.ceil(run.losses.length / CHART_POINTS);
  const thinned = stride > 1 ? ` (1 step in ${stride})` : '';
  const vocabulary = run.info?.vocabSize;
  return {
    title: 'Loss of each update, in nats per token',
    xLabel: 'step',
    yLabel: 'loss',
    series: [
      { label: `loss${thinned}`, style: 'line', points: thin(run.steps, run.losses, CHART_POINTS) },
      { label: 'smoothed', style: 'line', points: thin(run.steps, run.smoothed, CHART_POINTS) },
    ],
    ...(vocabulary === undefined
      ? {}
      : { reference: { y: Math.log(vocabulary), label: `log K = ${Math.log(vocabulary).toFixed(2)}` } }),
  };
}
