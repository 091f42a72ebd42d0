// The gradient-flow chart as text: log10 ‖∂s_t/∂s_r‖ against t − r, drawn by asciichart on whole decades.
import * as asciichart from 'asciichart';
import { AXIS_WIDTH } from './chart.js';

/** The smallest norm drawn: a norm that underflows to 0 sits at the bottom of what a double can show. */
const SMALLEST = 1e-300;

/**
 * The chart rows (`height + 1` at most) and the x-axis line under them, for norms[d] at d = t − r = 0 … T − 1.
 * Each d takes the same number of columns (as many as fit), and the y-axis spans whole decades, labelled 1e-3,
 * every decade or every k of them when the rows are fewer than the decades.
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
  // Labels every k decades, k as small as lets each labelled interval have a row at least; the bounds are
  // multiples of k, so that asciichart's grid (multiples of the row height from 0) meets the labelled rows.
  const high = Math.max(...shown);
  const low = Math.min(...shown);
  const rowsAvailable = Math.max(1, height);
  const bounds = (k: number) => ({
    k,
    top: k * Math.ceil(high / k),
    bottom: k * Math.min(Math.floor(low / k), Math.ceil(high / k) - 1),
  });
  const { k, top, bottom } =
    [1, 2, 3, 4, 5, 10, 20, 50, 100].map(bounds).find((b) => (b.top - b.bottom) / b.k <= rowsAvailable) ??
    bounds(100);
  const intervals = (top - bottom) / k;
  const rows = intervals * Math.max(1, Math.floor(rowsAvailable / intervals));
  const label = (x: number): string => {
    const exponent = Number(x.toFixed(6));
    return Number.isInteger(exponent) && (top - exponent) % k === 0 ? `1e${exponent}` : '';
  };
  const plotted = asciichart.plot(series.length === 1 ? series.concat(series) : series, {
    min: bottom,
    max: top,
    height: rows,
    offset: 2,
    padding: '       ',
    format: (x: number) => label(x).padStart(7),
    // asciichart's ┼ marks the row of 0 and the first value; on a log axis neither means anything.
    symbols: ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
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
