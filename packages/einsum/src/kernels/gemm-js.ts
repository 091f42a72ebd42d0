// The plain JavaScript matrix product, for products too small to repay copying into WebAssembly memory.
import type { Gemm } from './gemm-types.js';

/**
 * `gemm` (same contract; see gemm.ts) as three plain loops with a scalar accumulator: no copies, no setup, so
 * a 2×2 product costs tens of nanoseconds. Used for tiny products and as the fallback for problems too large
 * for WebAssembly memory.
 *
 * @example
 * const c = new Float64Array(4);
 * gemmJs(1, 2, 2, 2, new Float64Array([1, 2, 3, 4]), 0, 0, false,
 *   new Float64Array([5, 6, 7, 8]), 0, 0, false, c, 0, 0, false);
 * // c → [19, 22, 43, 50]
 */
export const gemmJs: Gemm = (
  batch,
  m,
  n,
  k,
  a,
  aOffset,
  aBatchStride,
  transA,
  b,
  bOffset,
  bBatchStride,
  transB,
  c,
  cOffset,
  cBatchStride,
  accumulate,
) => {
  // A(i, p) = a[i·ars + p·acs], B(p, j) = b[p·brs + j·bcs]: the flags only change the strides.
  const ars = transA ? 1 : k;
  const acs = transA ? m : 1;
  const brs = transB ? 1 : n;
  const bcs = transB ? k : 1;
  for (let batchIndex = 0; batchIndex < batch; batchIndex++) {
    const aStart = aOffset + batchIndex * aBatchStride;
    const bStart = bOffset + batchIndex * bBatchStride;
    const cStart = cOffset + batchIndex * cBatchStride;
    for (let i = 0; i < m; i++) {
      const aRow = aStart + i * ars;
      const cRow = cStart + i * n;
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let ai = aRow;
        let bi = bStart + j * bcs;
        for (let p = 0; p < k; p++) {
          sum += (a[ai] as number) * (b[bi] as number);
          ai += acs;
          bi += brs;
        }
        c[cRow + j] = accumulate ? (c[cRow + j] as number) + sum : sum;
      }
    }
  }
};
