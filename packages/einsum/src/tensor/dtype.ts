// Element types: float64 and float32, their typed arrays, and numpy's promotion rule between them.

/**
 * The element type of a tensor.
 *
 * @example
 * ```ts
 * const precision: DType = 'float32';
 * ```
 */
export type DType = 'float64' | 'float32';

/**
 * The storage of a tensor of either element type.
 *
 * @example
 * ```ts
 * const storage: FloatArray = new Float32Array(4);
 * ```
 */
export type FloatArray = Float64Array | Float32Array;

/**
 * The typed array that holds elements of type `D`.
 *
 * @example
 * ```ts
 * const data: ArrayOf<'float32'> = new Float32Array(4);
 * ```
 */
export type ArrayOf<D extends DType> = D extends 'float32' ? Float32Array : Float64Array;

/**
 * The element type of storage `A`.
 *
 * @example
 * ```ts
 * const precision: DTypeOf<Float32Array> = 'float32';
 * ```
 */
export type DTypeOf<A extends FloatArray> = A extends Float32Array ? 'float32' : 'float64';

/** The element type stored in `array`. */
export function dtypeOf(array: FloatArray): DType {
  return array instanceof Float32Array ? 'float32' : 'float64';
}

/** A zeroed array of `length` elements of type `dtype`. */
export function allocate<D extends DType>(dtype: D, length: number): ArrayOf<D> {
  return (dtype === 'float32' ? new Float32Array(length) : new Float64Array(length)) as ArrayOf<D>;
}

/** Bytes per element. */
export function bytesOf(dtype: DType): 4 | 8 {
  return dtype === 'float32' ? 4 : 8;
}
