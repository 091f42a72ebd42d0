// The loss chart as text: the bucketed history resampled to the width, drawn by asciichart in a stable range.
import * as asciichart from 'asciichart';
import type { HistoryPoint, LossHistory } from '../session/history.js';
import type { ValidationPoint } from '../session/model.js';
import type { Range, StableRange } from '../session/stable-range.js';
import { type Layer, plotLayers } from './plot-layers.js';

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
 * The validation curve over the chart's columns: each column at the validation loss interpolated (by step)
 * between the evaluations around its last step, from the column of the first evaluation (`from`) to that of
 * the latest; `marks` are the columns where an evaluation was made. Empty without evaluations or steps.
 * @example
 * validationLayer([{ loss: 3, smoothLoss: 3, step: 50 }, { loss: 2, smoothLoss: 2.5, step: 100 }], [{ step: 100, valLoss: 2.2 }])
 * // { values: [2.2, 2.2], from: 1, marks: [1] }: the first column, before the evaluation, is not drawn
 */
export function validationLayer(
  points: readonly HistoryPoint[],
  evaluations: readonly ValidationPoint[],
): { values: number[]; from: number; marks: number[] } {
  const first = evaluations[0];
  const last = evaluations.at(-1);
  const values: number[] = [];
  const marks: number[] = [];
  if (first === undefined || last === undefined) return { values, from: 0, marks };
  let from = -1;
  let next = 0; // the next evaluation to mark
  let previous = Number.NEGATIVE_INFINITY;
  for (const [column, point] of points.entries()) {
    if (point.step === undefined || previous >= last.step) break; // past the column of the latest evaluation
    previous = point.step;
    const step = Math.min(point.step, last.step);
    const after = evaluations.findIndex((e) => e.step >= step);
    const b = evaluations[after] as ValidationPoint;
    const a = evaluations[after - 1];
    // Before the first evaluation the value is a placeholder, masked by `from`.
    values.push(
      a === undefined
        ? b.valLoss
        : a.valLoss + ((step - a.step) / (b.step - a.step)) * (b.valLoss - a.valLoss),
    );
    if (from < 0 && point.step >= first.step) from = column;
    if (next < evaluations.length && (evaluations[next]?.step ?? 0) <= point.step) marks.push(column);
    while (next < evaluations.length && (evaluations[next]?.step ?? 0) <= point.step) next++;
  }
  return { values, from: from < 0 ? values.length : from, marks };
}

/**
 * Draws raw loss (dim), the validation loss (yellow, ● where evaluated) and the smoothed loss (bright) over the
 * whole history in `width` columns and at most `height` rows (plus one), with a y-range that only moves when the
 * data leaves it or shrinks to under half of it, and round axis labels.
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
  const validation = validationLayer(points, options.validation ?? []);
  const shown = validation.values.slice(validation.from);
  const fitted = range.fit(Math.min(...raw, ...smooth, ...shown), Math.max(...raw, ...smooth, ...shown));
  const height = roundRowCount(fitted.max - fitted.min, Math.max(1, options.height));
  const decimals = labelDecimals((fitted.max - fitted.min) / height);
  const paint = (color: string) => (options.color ? color : undefined);
  const layers: Layer[] = [{ values: raw, color: paint(asciichart.darkgray) }];
  layers.push({ values: smooth, color: paint(asciichart.lightcyan) });
  if (validation.values.length > 0) layers.push({ ...validation, color: paint(asciichart.yellow) });
  const lines = plotLayers(layers, {
    min: fitted.min,
    max: fitted.max,
    height,
    format: (x: number) => x.toFixed(decimals).padStart(7),
  });
  return { lines, eventsPerColumn: Math.max(1, history.length / points.length), range: fitted };
}
