// The loss chart as text: the bucketed history resampled to the width, drawn by asciichart in a stable range.
import * as asciichart from 'asciichart';
import type { LossHistory } from '../session/history.js';
import type { Range, StableRange } from '../session/stable-range.js';

/**
 * Columns taken by the y-axis labels and the axis itself (label of 7, a space, the axis glyph).
 * @example const plotColumns = columns - AXIS_WIDTH;
 */
export const AXIS_WIDTH = 9;

/** Row steps whose multiples make round labels: 1, 2, 2.5 and 5 × 10^k. */
const ROUND_MANTISSAS = [1, 2, 2.5, 5, 10];

/**
 * The number of row intervals for a y-span: the most, up to `maxRows`, whose row step is round (so every axis
 * label is a round number), unless that would shrink the chart below 60% of `maxRows`; then `maxRows`.
 * @example roundRowCount(4.5, 20) // 18: a step of 0.25 per row
 */
export function roundRowCount(span: number, maxRows: number): number {
  for (let rows = maxRows; rows >= Math.max(1, Math.ceil(maxRows * 0.6)); rows--) {
    if (isRound(span / rows)) return rows;
  }
  return maxRows;
}

/** Whether a step is 1, 2, 2.5 or 5 × 10^k (to a relative 1e-6, the rounding of the range's bounds). */
function isRound(step: number): boolean {
  const mantissa = step / 10 ** Math.floor(Math.log10(step));
  return ROUND_MANTISSAS.some((m) => Math.abs(mantissa - m) < 1e-6);
}

/**
 * Decimals of the axis labels: enough to show a round row step exactly (three for 0.025), else two.
 * @example labelDecimals(0.025) // 3
 */
export function labelDecimals(step: number): number {
  if (!isRound(step)) return 2;
  for (let decimals = 2; decimals < 4; decimals++) {
    if (Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) < 1e-6) return decimals;
  }
  return 4;
}

/**
 * What `chartLines` draws and how to read it.
 * @example chartLines(history, range, { width: 80, height: 12, color: false }).lines.length // 13 at most
 */
export interface ChartText {
  /** The chart rows, `height + 1` of them, or none before the first step. */
  readonly lines: string[];
  /** Logged events per chart column (≥ 1), to label the x-axis. */
  readonly eventsPerColumn: number;
  readonly range: Range | undefined;
}

/**
 * Draws raw loss (dim) and smoothed loss (bright) over the whole history in `width` columns and at most
 * `height` rows (plus one), with a y-range that only moves when the data leaves it or shrinks to under half
 * of it, and round axis labels.
 * @example
 * const { lines } = chartLines(history, range, { width: 60, height: 8, color: false });
 * lines.length // at most 9 once the history has a point
 */
export function chartLines(
  history: LossHistory,
  range: StableRange,
  options: { width: number; height: number; color: boolean },
): ChartText {
  const columns = Math.max(2, options.width - AXIS_WIDTH);
  const points = history.points(columns);
  if (points.length === 0) return { lines: [], eventsPerColumn: 1, range: undefined };
  const raw = points.map((p) => p.loss);
  const smooth = points.map((p) => p.smoothLoss);
  const lo = Math.min(...raw, ...smooth);
  const hi = Math.max(...raw, ...smooth);
  const fitted = range.fit(lo, hi);
  const height = roundRowCount(fitted.max - fitted.min, Math.max(1, options.height));
  const decimals = labelDecimals((fitted.max - fitted.min) / height);
  const plotted = asciichart.plot(
    points.length === 1 ? [raw.concat(raw), smooth.concat(smooth)] : [raw, smooth],
    {
      min: fitted.min,
      max: fitted.max,
      height,
      offset: 2,
      padding: '       ',
      format: (x: number) => x.toFixed(decimals).padStart(7),
      colors: options.color ? [asciichart.darkgray, asciichart.lightcyan] : [undefined, undefined],
    },
  );
  return {
    lines: plotted.split('\n'),
    eventsPerColumn: Math.max(1, history.length / points.length),
    range: fitted,
  };
}
