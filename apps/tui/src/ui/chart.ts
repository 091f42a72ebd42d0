// The loss chart as text: the bucketed history resampled to the width, drawn by asciichart in a stable range.
import * as asciichart from 'asciichart';
import type { HistoryPoint, LossHistory } from '../session/history.js';
import type { ValidationPoint } from '../session/model.js';
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
 * The validation line over the chart's columns: linear between evaluations (by step), up to the column of the
 * latest one. Columns before the first evaluation repeat the smoothed loss, so that the line is drawn under the
 * smoothed one there and branches off it at the first evaluation. Empty without evaluations or steps.
 * @example
 * validationColumns([{ loss: 3, smoothLoss: 3, step: 50 }, { loss: 2, smoothLoss: 2.5, step: 100 }], [{ step: 100, valLoss: 2.2 }])
 * // [3, 2.2]
 */
export function validationColumns(
  points: readonly HistoryPoint[],
  evaluations: readonly ValidationPoint[],
): number[] {
  const first = evaluations[0];
  const last = evaluations.at(-1);
  if (first === undefined || last === undefined) return [];
  const values: number[] = [];
  for (const point of points) {
    const step = point.step;
    if (step === undefined || step > last.step) break;
    if (step < first.step) {
      values.push(point.smoothLoss);
      continue;
    }
    const after = evaluations.findIndex((e) => e.step >= step);
    const b = evaluations[after] as ValidationPoint;
    const a = evaluations[after - 1] ?? b;
    const t = b.step === a.step ? 1 : (step - a.step) / (b.step - a.step);
    values.push(a.valLoss + t * (b.valLoss - a.valLoss));
  }
  return values;
}

/**
 * Draws raw loss (dim), the validation loss (yellow) and the smoothed loss (bright) over the whole history in
 * `width` columns and at most `height` rows (plus one), with a y-range that only moves when the data leaves it or
 * shrinks to under half of it, and round axis labels.
 * @example
 * const { lines } = chartLines(history, range, { width: 60, height: 8, color: false });
 * lines.length // at most 9 once the history has a point
 */
export function chartLines(
  history: LossHistory,
  range: StableRange,
  options: { width: number; height: number; color: boolean; validation?: readonly ValidationPoint[] },
): ChartText {
  const columns = Math.max(2, options.width - AXIS_WIDTH);
  const points = history.points(columns);
  if (points.length === 0) return { lines: [], eventsPerColumn: 1, range: undefined };
  const raw = points.map((p) => p.loss);
  const smooth = points.map((p) => p.smoothLoss);
  const validation = validationColumns(points, options.validation ?? []);
  const lo = Math.min(...raw, ...smooth, ...validation);
  const hi = Math.max(...raw, ...smooth, ...validation);
  const fitted = range.fit(lo, hi);
  const height = roundRowCount(fitted.max - fitted.min, Math.max(1, options.height));
  const decimals = labelDecimals((fitted.max - fitted.min) / height);
  // One point is drawn as a flat segment of two; the validation line is drawn before the smoothed one.
  const widen = (series: number[]) => (series.length === 1 ? series.concat(series) : series);
  const series = [raw, ...(validation.length > 0 ? [validation] : []), smooth].map(widen);
  const colors = options.color
    ? [asciichart.darkgray, ...(validation.length > 0 ? [asciichart.yellow] : []), asciichart.lightcyan]
    : series.map(() => undefined);
  const plotted = asciichart.plot(series, {
    min: fitted.min,
    max: fitted.max,
    height,
    offset: 2,
    padding: '       ',
    format: (x: number) => x.toFixed(decimals).padStart(7),
    colors,
  });
  return {
    lines: plotted.split('\n'),
    eventsPerColumn: Math.max(1, history.length / points.length),
    range: fitted,
  };
}
