// The signature shared by every matrix-product implementation (the dispatcher, the JS and the WebAssembly paths).

/**
 * For p in [0, batch): C_p = op(A_p) · op(B_p) (op transposes when its flag is set), overwriting C_p or, when
 * `accumulate`, adding to it. A_p is m×k (k×m when transA), B_p is k×n (n×k when transB), C_p is m×n; each is
 * row-major and contiguous and starts at offset + p·batchStride (a batch stride of 0 broadcasts one matrix).
 *
 * @example
 * const multiply: Gemm = gemm; // gemm from './gemm.js'
 * // multiply(1, 2, 2, 2, a, 0, 0, false, b, 0, 0, false, c, 0, 0, false) writes a·b into c
 */
export type Gemm = (
  batch: number,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  aOffset: number,
  aBatchStride: number,
  transA: boolean,
  b: Float64Array,
  bOffset: number,
  bBatchStride: number,
  transB: boolean,
  c: Float64Array,
  cOffset: number,
  cBatchStride: number,
  accumulate: boolean,
) => void;
