// tensor(): builds a contiguous Tensor from a number, nested arrays or a typed array, checking the data.

import { EinsumError } from '../errors.js';
import { checkShape, describe, MAX_ELEMENTS, sizeOf } from '../shape.js';
import { type ArrayOf, allocate, type DType, type FloatArray } from './dtype.js';
import type { NestedArray } from './tensor.js';
import { Tensor } from './tensor.js';

/**
 * Anything `tensor()` and `einsum()` accept as data.
 *
 * @example
 * ```ts
 * const data: TensorData[] = [7, [1, 2, 3], [[1, 2], [3, 4]], new Float32Array(4)];
 * ```
 */
export type TensorData = number | NestedArray | ArrayLike<number>;

/**
 * Options of {@link tensor}: the element type to store (default: float32 for a Float32Array or a float32
 * tensor, float64 for everything else).
 *
 * @example
 * ```ts
 * const options: TensorOptions = { dtype: 'float32' };
 * ```
 */
export interface TensorOptions {
  readonly dtype?: DType;
}

/**
 * Makes a contiguous row-major tensor (a copy) from a number (0-d), nested arrays (shape inferred; ragged or
 * non-numeric data throw `EinsumError`) or a flat array-like such as a typed array (1-d unless `shape` is
 * given). With `shape`, the element count must match. A Float32Array stays float32; every other input is
 * float64, unless `options.dtype` says otherwise (a float32 copy rounds each value to nearest).
 *
 * @example
 * ```ts
 * tensor([[1, 2, 3], [4, 5, 6]]).shape;          // [2, 3]
 * tensor(new Float64Array(6), [3, 2]).shape;     // [3, 2]
 * tensor(new Float32Array(4), [2, 2]).dtype;     // 'float32'
 * tensor([0.1, 0.2], undefined, { dtype: 'float32' }).dtype; // 'float32'
 * tensor(7).shape;                               // []
 * tensor([[1, 2], [3]]);                         // throws EinsumError 'ragged-data'
 * ```
 */
export function tensor(data: Float32Array, shape?: readonly number[]): Tensor<Float32Array>;
export function tensor<D extends DType>(
  data: TensorData,
  shape: readonly number[] | undefined,
  options: TensorOptions & { readonly dtype: D },
): Tensor<ArrayOf<D>>;
export function tensor(data: TensorData, shape?: readonly number[], options?: TensorOptions): Tensor;
export function tensor(
  data: TensorData,
  shape?: readonly number[],
  options: TensorOptions = {},
): Tensor<FloatArray> {
  checkDType(options.dtype);
  const { values, inferred } = flatten(data, options.dtype);
  if (shape === undefined) return new Tensor<FloatArray>(values, inferred);
  checkShape(shape, 'the requested shape');
  if (sizeOf(shape) !== values.length) {
    throw new EinsumError(
      'shape-mismatch',
      `data of shape [${inferred.join(', ')}] has ${values.length} elements but shape [${shape.join(', ')}] needs ${sizeOf(shape)}`,
    );
  }
  return new Tensor<FloatArray>(values, shape);
}

/** Throws 'bad-dtype' unless `dtype` is undefined, 'float64' or 'float32'. */
export function checkDType(dtype: unknown): void {
  if (dtype !== undefined && dtype !== 'float64' && dtype !== 'float32') {
    throw new EinsumError('bad-dtype', `dtype must be 'float64' or 'float32', got ${describe(dtype)}`);
  }
}

/** Reads any accepted data into a fresh array of `dtype` (or the data's own) with its inferred shape. */
function flatten(data: unknown, dtype: DType | undefined): { values: FloatArray; inferred: number[] } {
  if (typeof data === 'number') return { values: filled(dtype ?? 'float64', [data]), inferred: [] };
  if (data instanceof Tensor) {
    const tensor = data as Tensor<FloatArray>;
    const flat = tensor.toFlat();
    const values = dtype === undefined || dtype === tensor.dtype ? flat : filled(dtype, flat);
    return { values, inferred: [...tensor.shape] };
  }
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    const view = data as unknown as ArrayLike<unknown>;
    if (typeof view[0] === 'bigint') {
      throw new EinsumError(
        'non-numeric',
        'a BigInt typed array is not numeric data; convert it to numbers first',
      );
    }
    const own = data instanceof Float32Array ? 'float32' : 'float64';
    return { values: filled(dtype ?? own, view as ArrayLike<number>), inferred: [view.length] };
  }
  if (!Array.isArray(data)) {
    if (isArrayLike(data)) return flatten(Array.from(data), dtype);
    throw new EinsumError(
      'non-numeric',
      `tensor data must be a number, nested arrays or a typed array, got ${describe(data)}`,
    );
  }
  const inferred = inferShape(data);
  const values = allocate(dtype ?? 'float64', sizeOf(inferred));
  let position = 0;
  const copy = (row: readonly unknown[], axis: number, path: number[]): void => {
    if (row.length !== inferred[axis]) {
      throw ragged(path, row.length, inferred[axis] as number);
    }
    for (let i = 0; i < row.length; i++) {
      const item = row[i];
      if (axis === inferred.length - 1) {
        if (typeof item !== 'number') {
          if (Array.isArray(item)) throw ragged([...path, i], item.length, undefined);
          throw new EinsumError(
            'non-numeric',
            `element ${indexText([...path, i])} is ${describe(item)}, not a number`,
          );
        }
        values[position++] = item;
      } else {
        if (!Array.isArray(item)) {
          throw new EinsumError(
            typeof item === 'number' ? 'ragged-data' : 'non-numeric',
            `element ${indexText([...path, i])} is ${describe(item)} but an array of length ${inferred[axis + 1]} was expected (ragged data)`,
          );
        }
        copy(item, axis + 1, [...path, i]);
      }
    }
  };
  copy(data, 0, []);
  return { values, inferred };
}

/** A fresh array of `dtype` holding `values` (converted, as typed arrays convert). */
function filled<D extends DType>(dtype: D, values: ArrayLike<number>): ArrayOf<D> {
  const array = allocate(dtype, values.length);
  array.set(values);
  return array;
}

/** The shape read along the first element of each level: [[1, 2], [3, 4], [5, 6]] → [3, 2]. */
function inferShape(data: readonly unknown[]): number[] {
  const shape: number[] = [];
  let level: unknown = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (shape.length > 64) throw new EinsumError('bad-shape', 'nested arrays deeper than 64 levels');
    level = level[0];
  }
  return shape;
}

function ragged(path: readonly number[], length: number, expected: number | undefined): EinsumError {
  const where = path.length === 0 ? 'the outer array' : `row ${indexText(path)}`;
  const wanted = expected === undefined ? 'a number was expected' : `its siblings have length ${expected}`;
  return new EinsumError('ragged-data', `${where} has length ${length} but ${wanted}`);
}

function indexText(path: readonly number[]): string {
  return `[${path.join('][')}]`;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const length = (value as { length?: unknown }).length;
  return typeof length === 'number' && Number.isSafeInteger(length) && length >= 0 && length <= MAX_ELEMENTS;
}
