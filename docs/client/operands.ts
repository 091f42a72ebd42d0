// The explorer's operands and results: seeded random data in, a short printed preview of the tensor out.
import type { Tensor } from '@rnn/einsum';

/**
 * Row-major data of `shape` drawn uniformly from [−1, 1) by mulberry32 from `seed`: the same input gives the same
 * operands on every visit (and in the server-rendered page).
 *
 * @example
 * ```ts
 * randomOperand([2, 3], 1).length; // 6
 * ```
 */
export function randomOperand(shape: readonly number[], seed: number): Float64Array {
  const size = shape.reduce((n, s) => n * s, 1);
  const data = new Float64Array(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    data[i] = (((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * 2 - 1;
  }
  return data;
}

/**
 * A tensor as the explorer prints it: its shape, and its leading values row by row.
 *
 * @example
 * ```ts
 * const preview: Preview = { shape: [2], text: '         1         2' };
 * ```
 */
export interface Preview {
  readonly shape: readonly number[];
  /** Up to {@link PREVIEW_ROWS} rows of up to {@link PREVIEW_COLUMNS} values; '…' marks what was left out. */
  readonly text: string;
}

const PREVIEW_ROWS = 6;
const PREVIEW_COLUMNS = 8;

const number = (value: number) => {
  const text = Number(value.toPrecision(4)).toString();
  return value >= 0 ? ` ${text}` : text;
};

/**
 * The shape and the first values of a tensor: a 0-d tensor as one number, otherwise the last axis as columns
 * and every leading index as a row, prefixed with that index.
 *
 * @example
 * ```ts
 * previewTensor(tensor([[1, -2], [3, 4]])).text;
 * // '[0]          1        -2\n[1]          3         4'
 * ```
 */
export function previewTensor(result: Tensor): Preview {
  const shape = result.shape;
  const flat = result.toFlat();
  if (shape.length === 0) return { shape, text: number(flat[0] ?? Number.NaN).trim() };
  const columns = shape.at(-1) ?? 0;
  const rows = columns === 0 ? 0 : flat.length / columns;
  const lead = shape.slice(0, -1);
  const lines: string[] = [];
  for (let row = 0; row < Math.min(rows, PREVIEW_ROWS); row++) {
    const index = lead.length === 0 ? '' : `[${unravel(row, lead).join(', ')}] `;
    const values = Array.from(
      flat.subarray(row * columns, row * columns + Math.min(columns, PREVIEW_COLUMNS)),
    );
    const cells = values.map(number).map((cell) => cell.padStart(10));
    lines.push(`${index}${cells.join('')}${columns > PREVIEW_COLUMNS ? '  …' : ''}`);
  }
  if (rows > PREVIEW_ROWS) lines.push(`… ${rows - PREVIEW_ROWS} more rows`);
  if (rows === 0) lines.push('(no elements)');
  return { shape, text: lines.join('\n') };
}

/** The multi-index of a row-major position. */
function unravel(position: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = position;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis] ?? 1;
    index[axis] = rest % size;
    rest = Math.floor(rest / size);
  }
  return index;
}
