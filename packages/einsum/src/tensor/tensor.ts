// Tensor: a strided view of float64 or float32 storage; permutations and diagonals are views, never copies.

import { EinsumError } from '../errors.js';
import { checkShape, rowMajorStrides, sizeOf } from '../shape.js';
import { allocate, type DTypeOf, dtypeOf, type FloatArray } from './dtype.js';
import { gather } from './gather.js';

/** A checked, frozen row-major layout for {@link contiguousTensor}. */
export interface ContiguousLayout {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
}

/**
 * Storage in the kernels' memory (see `Arena`): its elements as a view of the memory's current buffer, made
 * again after the memory grew (which detaches older views). Views of a resident tensor share its storage.
 *
 * @example
 * ```ts
 * const storage: ResidentStorage = { byteOffset: 256, view: () => new Float64Array(memory.buffer, 256, 4) };
 * ```
 */
export interface ResidentStorage {
  view(): FloatArray;
  /** The byte address of element 0 in the kernels' memory. */
  readonly byteOffset: number;
}

/** What the next constructed Tensor takes without checks: a trusted layout, and storage in kernel memory. */
let trustedLayout: ContiguousLayout | undefined;
let nextStorage: ResidentStorage | undefined;

/** Freezes the row-major layout of `shape` (checked) for repeated {@link contiguousTensor} calls. */
export function contiguousLayout(shape: readonly number[]): ContiguousLayout {
  checkShape(shape, 'the tensor shape');
  return { shape: Object.freeze([...shape]), strides: Object.freeze(rowMajorStrides(shape)) };
}

/** Wraps `data` (exactly the layout's element count, unchecked) as a tensor sharing the frozen layout. */
export function contiguousTensor<A extends FloatArray>(data: A, layout: ContiguousLayout): Tensor<A> {
  trustedLayout = layout;
  return new Tensor(data, layout.shape);
}

/**
 * Makes the next Tensor constructed read its elements from `storage` (kernel memory); returns the storage's
 * current view, to pass as that constructor's `data`: `new Tensor(adoptStorage(storage), shape)`.
 */
export function adoptStorage(storage: ResidentStorage): FloatArray {
  const view = storage.view();
  nextStorage = storage;
  return view;
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
 * An n-dimensional array of float64 (the default) or float32 values: `data[offset + Σ index[a]·strides[a]]`
 * holds the element at `index`. Tensors made by `tensor()`, `einsum` or a compiled expression are
 * contiguous row-major with offset 0 (except a one-shot einsum that only permutes or takes a diagonal: a view),
 * so `data` may be updated in place; `permute`, `transpose` and `diagonal` return views that share it. The
 * type parameter is the storage: `Tensor` alone is a float64 tensor, `Tensor<Float32Array>` a float32 one,
 * `Tensor<FloatArray>` either.
 *
 * @example
 * ```ts
 * const t = new Tensor(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * t.transpose().toArray(); // [[1, 4], [2, 5], [3, 6]]
 * new Tensor(new Float32Array(4), [2, 2]).dtype; // 'float32'
 * ```
 */
export class Tensor<A extends FloatArray = Float64Array> {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  /** The number of elements (1 for a 0-d tensor). */
  readonly size: number;
  readonly dtype: DTypeOf<A>;
  #data: A;
  readonly #storage: ResidentStorage | undefined;
  private readonly rowMajor: boolean;

  /**
   * Wraps `data` (a Float64Array or a Float32Array: the tensor's dtype follows it) without copying. Without
   * `strides` the tensor is row-major; every addressed element must lie inside `data` (checked).
   */
  constructor(data: A, shape: readonly number[], strides?: readonly number[], offset = 0) {
    this.#storage = nextStorage;
    nextStorage = undefined;
    if (trustedLayout !== undefined) {
      // made by `contiguousTensor` from a layout checked once (the compiled hot path): no checks, no copies
      this.#data = data;
      this.dtype = dtypeOf(data) as DTypeOf<A>;
      this.shape = trustedLayout.shape;
      this.strides = trustedLayout.strides;
      this.offset = 0;
      this.size = data.length;
      this.rowMajor = true;
      trustedLayout = undefined;
      return;
    }
    if (!(data instanceof Float64Array) && !(data instanceof Float32Array)) {
      throw new EinsumError('bad-operand', 'Tensor storage must be a Float64Array or a Float32Array');
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
        `shape [${shape.join(', ')}] needs ${last + 1} elements of storage but the ${data.constructor.name} has ${data.length}`,
      );
    }
    this.#data = data;
    this.dtype = dtypeOf(data) as DTypeOf<A>;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze([...actual]);
    this.offset = offset;
    this.size = size;
    this.rowMajor =
      size <= 1 || actual.every((stride, axis) => stride === natural[axis] || shape[axis] === 1);
  }

  /**
   * The storage (a Float64Array, or a Float32Array for float32). For a tensor in kernel memory (made by an
   * `Arena`) this is a view of the memory's current buffer: read it again after anything that may grow the
   * memory (see `Arena`), since growth detaches earlier views.
   */
  get data(): A {
    const storage = this.#storage;
    return storage === undefined ? this.#data : (storage.view() as A);
  }

  /** The byte address of the element at `offset` in the kernels' memory, or undefined when not resident there. */
  get byteOffset(): number | undefined {
    const storage = this.#storage;
    return storage === undefined
      ? undefined
      : storage.byteOffset + this.offset * this.#data.BYTES_PER_ELEMENT;
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
  permute(axes: readonly number[]): Tensor<A> {
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
    return this.view(
      axes.map((axis) => this.shape[axis] as number),
      axes.map((axis) => this.strides[axis] as number),
      this.offset,
    );
  }

  /** A view with the axes in reverse order (the matrix transpose for rank 2). */
  transpose(): Tensor<A> {
    return this.permute(this.shape.map((_, axis) => this.shape.length - 1 - axis));
  }

  /** A view of the diagonal of axes `axis1` and `axis2` (equal sizes), as the last axis, as numpy does. */
  diagonal(axis1 = 0, axis2 = 1): Tensor<A> {
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
    return this.view(
      [...rest.map((axis) => this.shape[axis] as number), size],
      [
        ...rest.map((axis) => this.strides[axis] as number),
        (this.strides[axis1] as number) + (this.strides[axis2] as number),
      ],
      this.offset,
    );
  }

  /**
   * A view of the same storage with another shape, strides (default: row-major) and offset (checked to fit),
   * as numpy's `as_strided`; a view of a resident tensor stays resident (its `data` follows the memory).
   *
   * @example
   * ```ts
   * const states = tensor(new Float64Array(6), [3, 2]);
   * states.view([2], [1], 4).data === states.data; // row 2, sharing the storage
   * ```
   */
  view(shape: readonly number[], strides: readonly number[] = rowMajorStrides(shape), offset = 0): Tensor<A> {
    const storage = this.#storage;
    if (storage === undefined) return new Tensor(this.#data, shape, strides, offset);
    return new Tensor(adoptStorage(storage) as A, shape, strides, offset);
  }

  /** A row-major copy of the elements (a Float64Array, or a Float32Array for float32). */
  toFlat(): A {
    const data = this.data;
    if (this.rowMajor) return data.slice(this.offset, this.offset + this.size) as A;
    const flat = allocate(this.dtype, this.size) as A;
    gather(data, this.offset, this.shape, this.strides, flat);
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

  /** A short description: shape, the dtype when it is float32, and for small tensors the values. */
  toString(): string {
    const values = this.size <= 64 ? ` ${JSON.stringify(this.toArray())}` : '';
    return `Tensor[${this.shape.join(', ')}]${this.dtype === 'float32' ? ' float32' : ''}${values}`;
  }
}
