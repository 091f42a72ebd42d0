// The vocabulary shared by every matrix-product implementation: the problem's sizes and its operands.

import type { FloatArray } from '../tensor/dtype.js';

/**
 * The sizes of a batched matrix product: `batch` products of an m×k by a k×n matrix. With `accumulate`, C is
 * added to instead of overwritten.
 *
 * @example
 * ```ts
 * const problem: GemmProblem = { batch: 1, m: 2, n: 2, k: 2 };
 * ```
 */
export interface GemmProblem {
  readonly batch: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly accumulate?: boolean;
}

/**
 * One operand of a batched matrix product (the three of one product share one element type, float64 or
 * float32): matrix p is row-major and contiguous and starts at
 * `data[offset + p·batchStride]` (a batch stride of 0 broadcasts one matrix); `transposed` says that it is
 * stored as the transpose of the matrix the product reads (k×m for A, n×k for B; never for C). The executor
 * keeps one such object per operand and points `data` and `offset` at each call's arrays, so that a call
 * allocates nothing.
 *
 * @example
 * ```ts
 * const a: MatrixOperand = { data: new Float64Array([1, 2, 3, 4]), offset: 0, batchStride: 0, transposed: false };
 * ```
 */
export interface MatrixOperand {
  data: FloatArray;
  offset: number;
  batchStride: number;
  transposed: boolean;
}

/**
 * For p in [0, batch): C_p = op(A_p)·op(B_p), op transposing an operand marked `transposed`; C_p is m×n and
 * overwritten, or added to when the problem accumulates.
 *
 * @example
 * ```ts
 * const multiply: Gemm = gemm; // gemm from './gemm.js'
 * multiply({ batch: 1, m: 2, n: 2, k: 2 }, a, b, c); // c = a·b
 * ```
 */
export type Gemm = (problem: GemmProblem, a: MatrixOperand, b: MatrixOperand, c: MatrixOperand) => void;

/**
 * A matrix operand over `data` from `offset` (batch stride 0, not transposed unless said): for tests, examples
 * and one-off calls.
 *
 * @example
 * ```ts
 * gemm({ batch: 1, m: 2, n: 2, k: 2 }, matrix(a), matrix(b, 0, true), matrix(c)); // c = a·bᵀ
 * ```
 */
export function matrix(data: FloatArray, offset = 0, transposed = false, batchStride = 0): MatrixOperand {
  return { data, offset, batchStride, transposed };
}
