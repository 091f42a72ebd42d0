// The gradient-flow chart as text: log10 ‖∂s_t/∂s_r‖ against t − r, drawn by asciichart on whole decades.
import * as asciichart from 'asciichart';
import { AXIS_WIDTH } from './chart.js';

/** The smallest norm drawn: a norm that underflows to 0 sits at the bottom of what a double can show. */
const SMALLEST = 1e-300;

/**
 * The chart rows (`height + 1` at most) and the x-axis line under them, for norms[d] at d = t − r = 0 … T − 1.
 * Each d takes the same number of columns (as many as fit), and the y-axis spans whole decades, labelled 1e-3.
 * @example flowChartLines([2.8, 1.2, 0.4, 0.1], 60, 6).axis // '         0              1              2              3'
 */
export function flowChartLines(
  norms: readonly number[],
  width: number,
  height: number,
): { lines: string[]; axis: string } {
  const logs = norms.map((norm) => Math.log10(Math.max(norm, SMALLEST)));
  const plotColumns = Math.max(1, width - AXIS_WIDTH);
  const perPoint = Math.max(1, Math.floor(plotColumns / Math.max(1, logs.length)));
  const shown = logs.slice(0, Math.max(1, Math.floor(plotColumns / perPoint)));
  const series = shown.flatMap((value) => Array.from({ length: perPoint }, () => value));
  const top = Math.ceil(Math.max(...shown));
  const bottom = Math.min(Math.floor(Math.min(...shown)), top - 1);
  const decades = top - bottom;
  const rows = Math.max(1, Math.min(height, decades * Math.max(1, Math.floor(height / decades))));
  const plotted = asciichart.plot(series.length === 1 ? series.concat(series) : series, {
    min: bottom,
    max: top,
    height: rows,
    offset: 2,
    padding: '       ',
    format: (x: number) => (Number.isInteger(Number(x.toFixed(6))) ? `1e${x.toFixed(0)}` : '').padStart(7),
  });
  // Tick labels every few points, each under the first column of its point.
  const every = Math.max(1, Math.ceil(6 / perPoint));
  let axis = ' '.repeat(AXIS_WIDTH);
  for (let d = 0; d < shown.length; d += every) {
    const at = AXIS_WIDTH + d * perPoint;
    axis = axis.padEnd(at) + String(d);
  }
  return { lines: plotted.split('\n'), axis };
}
