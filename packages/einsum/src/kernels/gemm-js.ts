// The plain JavaScript matrix product, for products too small to repay copying into WebAssembly memory.
import type { Gemm } from './gemm-types.js';

/**
 * `gemm` (same contract; see gemm.ts) as three plain loops with a scalar accumulator: no copies, no setup, so
 * a 2×2 product costs tens of nanoseconds. Used for tiny products and as the fallback for problems too large
 * for WebAssembly memory.
 *
 * @example
 * ```ts
 * const c = new Float64Array(4);
 * gemmJs({ batch: 1, m: 2, n: 2, k: 2 }, matrix(new Float64Array([1, 2, 3, 4])),
 *   matrix(new Float64Array([5, 6, 7, 8])), matrix(c));
 * // c → [19, 22, 43, 50]
 * ```
 */
export const gemmJs: Gemm = ({ batch, m, n, k, accumulate = false }, a, b, c) => {
  const [x, y, z] = [a.data, b.data, c.data];
  // A(i, p) = x[i·ars + p·acs], B(p, j) = y[p·brs + j·bcs]: the flags only change the strides.
  const ars = a.transposed ? 1 : k;
  const acs = a.transposed ? m : 1;
  const brs = b.transposed ? 1 : n;
  const bcs = b.transposed ? k : 1;
  for (let batchIndex = 0; batchIndex < batch; batchIndex++) {
    const aStart = a.offset + batchIndex * a.batchStride;
    const bStart = b.offset + batchIndex * b.batchStride;
    const cStart = c.offset + batchIndex * c.batchStride;
    for (let i = 0; i < m; i++) {
      const aRow = aStart + i * ars;
      const cRow = cStart + i * n;
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let ai = aRow;
        let bi = bStart + j * bcs;
        for (let p = 0; p < k; p++) {
          sum += (x[ai] as number) * (y[bi] as number);
          ai += acs;
          bi += brs;
        }
        z[cRow + j] = accumulate ? (z[cRow + j] as number) + sum : sum;
      }
    }
  }
};
