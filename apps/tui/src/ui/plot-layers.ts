// Several curves on one text chart: each drawn alone by asciichart, then laid over one another cell by cell, so
// that a curve may start at any column, carry point markers, and take its own colour.
import * as asciichart from 'asciichart';

/**
 * One curve: its values from column 0, drawn from value `from` on (asciichart draws n values in n − 1 columns,
 * the segment from value x to x + 1 in column x), with a marker on each value whose index is in `marks`.
 * @example const validation: Layer = { values: [2.6, 2.4, 2.3], from: 1, marks: [1, 2], color: asciichart.yellow };
 */
export interface Layer {
  readonly values: readonly number[];
  readonly from?: number;
  readonly marks?: readonly number[];
  readonly color?: string | undefined;
}

/**
 * The shared frame of the layers: the y-range, the rows and the axis labels (7 characters wide).
 * @example const frame: PlotFrame = { min: 1, max: 6, height: 20, format: (x) => x.toFixed(2).padStart(7) };
 */
export interface PlotFrame {
  readonly min: number;
  readonly max: number;
  readonly height: number;
  readonly format: (x: number) => string;
}

/** The marker of a point the layer was measured at. */
const MARK = '●';
/** Characters before the plot area: a 7-character label and the axis glyph (asciichart with offset 2). */
const LEFT = 8;

/**
 * The rows of the chart: the axis and labels of the first layer, then, column by column, the cell of the last
 * layer that draws there (later layers on top), with markers where a layer has them. Colours, when given, wrap
 * each cell in the colour of the layer that drew it.
 * @example plotLayers([{ values: [3, 2, 1] }, { values: [2, 2, 2], from: 1 }], frame).length // frame.height + 1
 */
export function plotLayers(layers: readonly Layer[], frame: PlotFrame): string[] {
  const config = {
    min: frame.min,
    max: frame.max,
    height: frame.height,
    offset: 2,
    padding: '       ',
    format: frame.format,
  };
  const grids = layers.map((layer) =>
    asciichart
      .plot(layer.values.length === 1 ? [...layer.values, ...layer.values] : [...layer.values], config)
      .split('\n')
      .map((line) => Array.from(line)),
  );
  const rowCount = grids[0]?.length ?? 0;
  const ratio = frame.height / (frame.max - frame.min);
  /** The row of value v, as asciichart places it. */
  const rowOf = (v: number) => rowCount - 1 - (Math.round(v * ratio) - Math.round(frame.min * ratio));
  const lines: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    const cells: { char: string; color: string | undefined }[] = [];
    grids.forEach((grid, i) => {
      const layer = layers[i] as Layer;
      const row = grid[r] ?? [];
      for (let x = Math.max(0, layer.from ?? 0); x + LEFT < row.length; x++) {
        const char = row[x + LEFT] as string;
        if (char !== ' ') cells[x] = { char, color: layer.color };
      }
      // asciichart draws value x at the end of the segment in column x − 1 (value 0 at the start of column 0).
      for (const x of layer.marks ?? []) {
        const value = layer.values[x];
        if (value !== undefined && rowOf(value) === r)
          cells[Math.max(0, x - 1)] = { char: MARK, color: layer.color };
      }
    });
    const plot = Array.from({ length: cells.length }, (_, x) => {
      const cell = cells[x];
      if (cell === undefined) return ' ';
      return cell.color === undefined ? cell.char : `${cell.color}${cell.char}${asciichart.reset}`;
    });
    lines.push((grids[0]?.[r] ?? []).slice(0, LEFT).join('') + plot.join(''));
  }
  return lines;
}
