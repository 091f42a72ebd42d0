// Tensor: a strided view of Float64Array storage; permutations and diagonals are views, never copies.

import { EinsumError } from './errors.js';
import { gather } from './gather.js';
import { checkShape, rowMajorStrides, sizeOf } from './shape.js';

/** A checked, frozen row-major layout for {@link contiguousTensor}. */
export interface ContiguousLayout {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
}

let trustedLayout: ContiguousLayout | undefined;

/** Freezes the row-major layout of `shape` (checked) for repeated {@link contiguousTensor} calls. */
export function contiguousLayout(shape: readonly number[]): ContiguousLayout {
  checkShape(shape, 'the tensor shape');
  return { shape: Object.freeze([...shape]), strides: Object.freeze(rowMajorStrides(shape)) };
}

/** Wraps `data` (exactly the layout's element count, unchecked) as a tensor sharing the frozen layout. */
export function contiguousTensor(data: Float64Array, layout: ContiguousLayout): Tensor {
  trustedLayout = layout;
  return new Tensor(data, layout.shape);
}

/**
 * Nested arrays of numbers, as `toArray()` returns them and `tensor()` accepts them.
 *
 * @example
 * ```ts
 * const rows: NestedArray = [[1, 2], [3, 4]];
 * ```
 */
export type NestedArray = readonly (number | NestedArray)[];

/**
 * An n-dimensional array of float64 values: `data[offset + Σ index[a]·strides[a]]` holds the element at
 * `index`. Tensors made by `tensor()`, `einsum` or a compiled expression are contiguous row-major with
 * offset 0, so `data` may be updated in place; `permute`, `transpose` and `diagonal` return views that share it.
 *
 * @example
 * ```ts
 * const t = new Tensor(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * t.transpose().toArray(); // [[1, 4], [2, 5], [3, 6]]
 * ```
 */
export class Tensor {
  readonly data: Float64Array;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  /** The number of elements (1 for a 0-d tensor). */
  readonly size: number;
  private readonly rowMajor: boolean;

  /**
   * Wraps `data` without copying. Without `strides` the tensor is row-major; every addressed element must lie
   * inside `data` (checked).
   */
  constructor(data: Float64Array, shape: readonly number[], strides?: readonly number[], offset = 0) {
    if (trustedLayout !== undefined) {
      // made by `contiguousTensor` from a layout checked once (the compiled hot path): no checks, no copies
      this.data = data;
      this.shape = trustedLayout.shape;
      this.strides = trustedLayout.strides;
      this.offset = 0;
      this.size = data.length;
      this.rowMajor = true;
      trustedLayout = undefined;
      return;
    }
    if (!(data instanceof Float64Array)) {
      throw new EinsumError('bad-operand', 'Tensor storage must be a Float64Array');
    }
    checkShape(shape, 'the tensor shape');
    const size = sizeOf(shape);
    const natural = rowMajorStrides(shape);
    const actual = strides ?? natural;
    if (!Number.isSafeInteger(offset) || offset < 0 || actual.length !== shape.length) {
      throw new EinsumError(
        'bad-shape',
        `strides [${actual.join(', ')}] and offset ${offset} do not fit shape [${shape.join(', ')}]`,
      );
    }
    let last = offset;
    for (let axis = 0; axis < shape.length; axis++) {
      const stride = actual[axis] as number;
      if (!Number.isSafeInteger(stride) || stride < 0) {
        throw new EinsumError('bad-shape', `stride ${stride} at axis ${axis} is not a non-negative integer`);
      }
      last += ((shape[axis] as number) - 1) * stride;
    }
    if (size > 0 && last >= data.length) {
      throw new EinsumError(
        'shape-mismatch',
        `shape [${shape.join(', ')}] needs ${last + 1} elements of storage but the Float64Array has ${data.length}`,
      );
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze([...actual]);
    this.offset = offset;
    this.size = size;
    this.rowMajor =
      size <= 1 || actual.every((stride, axis) => stride === natural[axis] || shape[axis] === 1);
  }

  /** The number of axes (0 for a scalar). */
  get rank(): number {
    return this.shape.length;
  }

  /** True when the elements lie row-major and gap-free from `offset` (views may not). */
  isContiguous(): boolean {
    return this.rowMajor;
  }

  /** The element at `index` (one integer per axis). */
  at(...index: number[]): number {
    if (index.length !== this.shape.length) {
      throw new EinsumError('bad-axis', `at() needs ${this.shape.length} indices, got ${index.length}`);
    }
    let position = this.offset;
    for (let axis = 0; axis < index.length; axis++) {
      const i = index[axis] as number;
      if (!Number.isInteger(i) || i < 0 || i >= (this.shape[axis] as number)) {
        throw new EinsumError(
          'bad-axis',
          `index ${i} is out of range for axis ${axis} of size ${this.shape[axis]}`,
        );
      }
      position += i * (this.strides[axis] as number);
    }
    return this.data[position] as number;
  }

  /** A view whose axis `a` is this tensor's axis `axes[a]`. */
  permute(axes: readonly number[]): Tensor {
    const rank = this.shape.length;
    const seen = new Set<number>();
    for (const axis of axes) {
      if (!Number.isInteger(axis) || axis < 0 || axis >= rank || seen.has(axis)) {
        throw new EinsumError('bad-axis', `[${axes.join(', ')}] is not a permutation of the ${rank} axes`);
      }
      seen.add(axis);
    }
    if (axes.length !== rank) {
      throw new EinsumError('bad-axis', `[${axes.join(', ')}] is not a permutation of the ${rank} axes`);
    }
    return new Tensor(
      this.data,
      axes.map((axis) => this.shape[axis] as number),
      axes.map((axis) => this.strides[axis] as number),
      this.offset,
    );
  }

  /** A view with the axes in reverse order (the matrix transpose for rank 2). */
  transpose(): Tensor {
    return this.permute(this.shape.map((_, axis) => this.shape.length - 1 - axis));
  }

  /** A view of the diagonal of axes `axis1` and `axis2` (equal sizes), as the last axis, as numpy does. */
  diagonal(axis1 = 0, axis2 = 1): Tensor {
    const rank = this.shape.length;
    const valid = (axis: number) => Number.isInteger(axis) && axis >= 0 && axis < rank;
    if (!valid(axis1) || !valid(axis2) || axis1 === axis2) {
      throw new EinsumError(
        'bad-axis',
        `diagonal(${axis1}, ${axis2}) needs two different axes of the ${rank}`,
      );
    }
    const size = this.shape[axis1] as number;
    if (this.shape[axis2] !== size) {
      throw new EinsumError('bad-axis', `diagonal of axes of sizes ${size} and ${this.shape[axis2]}`);
    }
    const rest = this.shape.map((_, axis) => axis).filter((axis) => axis !== axis1 && axis !== axis2);
    return new Tensor(
      this.data,
      [...rest.map((axis) => this.shape[axis] as number), size],
      [
        ...rest.map((axis) => this.strides[axis] as number),
        (this.strides[axis1] as number) + (this.strides[axis2] as number),
      ],
      this.offset,
    );
  }

  /** A row-major copy of the elements. */
  toFlat(): Float64Array {
    if (this.rowMajor) return this.data.slice(this.offset, this.offset + this.size);
    const flat = new Float64Array(this.size);
    gather(this.data, this.offset, this.shape, this.strides, flat);
    return flat;
  }

  /** The elements as nested arrays, or a number for a 0-d tensor. */
  toArray(): NestedArray | number {
    const flat = this.toFlat();
    if (this.shape.length === 0) return flat[0] as number;
    let position = 0;
    const build = (axis: number): NestedArray => {
      const length = this.shape[axis] as number;
      const row: (number | NestedArray)[] = new Array(length);
      for (let i = 0; i < length; i++)
        row[i] = axis === this.shape.length - 1 ? (flat[position++] as number) : build(axis + 1);
      return row;
    };
    return build(0);
  }

  /** A short description: shape and, for small tensors, the values. */
  toString(): string {
    const values = this.size <= 64 ? ` ${JSON.stringify(this.toArray())}` : '';
    return `Tensor[${this.shape.join(', ')}]${values}`;
  }
}
