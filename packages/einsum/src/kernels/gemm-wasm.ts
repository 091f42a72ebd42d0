// The WebAssembly path of gemm: copy the operands into WebAssembly memory, run the SIMD kernel, copy C back.

import { gemmJs } from './gemm-js.js';
import type { Gemm } from './gemm-types.js';
import { SliceCache } from './slice-cache.js';
import { heap, kernels, MAX_HEAP_BYTES } from './wasm-heap.js';

/** Bytes [0, 256) belong to the kernels' scratch tile; buffers start here. */
const FIRST_FREE_BYTE = 256;
/** The blocking of gemm.wat: packed A holds up to 96 rows, both packed panels up to 256 of k. */
const ROW_BLOCK = 96;
const DEPTH_BLOCK = 256;

const sliceA = new SliceCache();
const sliceB = new SliceCache();
const sliceCIn = new SliceCache();
const sliceCOut = new SliceCache();

/** Elements from the first element of batch 0 to the last element of the last batch. */
function span(batch: number, batchStride: number, size: number): number {
  return batch > 1 && batchStride > 0 ? (batch - 1) * batchStride + size : size;
}

/** Bytes rounded up to a multiple of 16 (v128 alignment). */
function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/**
 * `gemm` (same contract; see gemm.ts) in WebAssembly SIMD. Matrix-vector shapes (m = 1 or n = 1) run row dot
 * products or row combinations, outer products (k = 1) one pass of row scalings, the rest the packed,
 * cache-blocked 4×4-tile kernel. The memory grows when a larger problem arrives and is reused otherwise: no
 * allocation per call in the steady state. Problems beyond MAX_HEAP_BYTES fall back to the JS kernel.
 *
 * @example
 * ```ts
 * const c = new Float64Array(4);
 * gemmWasm({ batch: 1, m: 2, n: 2, k: 2 }, matrix(new Float64Array([1, 2, 3, 4])),
 *   matrix(new Float64Array([5, 6, 7, 8])), matrix(c));
 * // c → [19, 22, 43, 50]
 * ```
 */
export const gemmWasm: Gemm = (problem, a, b, c) => {
  const { batch, m, n, k, accumulate = false } = problem;
  const depth = Math.min(k, DEPTH_BLOCK);
  const packA = FIRST_FREE_BYTE;
  const packB = packA + align(Math.ceil(Math.min(m, ROW_BLOCK) / 4) * 4 * depth * 8);
  const aSpan = span(batch, a.batchStride, m * k);
  const bSpan = span(batch, b.batchStride, k * n);
  const cSpan = span(batch, c.batchStride, m * n);
  const aPtr = packB + align(Math.ceil(n / 4) * 4 * depth * 8);
  const bPtr = aPtr + align(aSpan * 8);
  const cPtr = bPtr + align(bSpan * 8);
  const bytes = cPtr + cSpan * 8;
  if (bytes > MAX_HEAP_BYTES) {
    gemmJs(problem, a, b, c);
    return;
  }
  const memory = heap(bytes);

  memory.set(sliceA.get(a.data, a.offset, a.offset + aSpan), aPtr / 8);
  memory.set(sliceB.get(b.data, b.offset, b.offset + bSpan), bPtr / 8);
  // C is read back whole, so it is copied in when its old values matter: accumulating, or gaps between batches.
  const cHasGaps = batch > 1 && c.batchStride !== 0 && c.batchStride !== m * n;
  if (accumulate || cHasGaps) memory.set(sliceCIn.get(c.data, c.offset, c.offset + cSpan), cPtr / 8);

  const add = accumulate ? 1 : 0;
  const transA = a.transposed;
  const transB = b.transposed;
  for (let p = 0; p < batch; p++) {
    const ap = aPtr + p * a.batchStride * 8;
    const bp = bPtr + p * b.batchStride * 8;
    const cp = cPtr + p * c.batchStride * 8;
    if (n === 1 && (m === 1 || !transA)) kernels.dotRows(m, k, ap, k, bp, cp, add);
    else if (n === 1) kernels.axpyRows(k, m, ap, m, bp, cp, add);
    else if (m === 1 && transB) kernels.dotRows(n, k, bp, k, ap, cp, add);
    else if (m === 1) kernels.axpyRows(k, n, bp, n, ap, cp, add);
    else if (k === 1)
      kernels.ger(m, n, ap, bp, cp, n, add); // with k = 1 the flags change no layout
    else {
      // A(i, p) at ap + 8·(i·ars + p·acs), B(p, j) at bp + 8·(p·brs + j·bcs): the flags only change strides.
      const ars = transA ? 1 : k;
      const acs = transA ? m : 1;
      const brs = transB ? 1 : n;
      const bcs = transB ? k : 1;
      kernels.gemm(m, n, k, ap, ars, acs, bp, brs, bcs, cp, n, add, packA, packB);
    }
  }
  c.data.set(sliceCOut.get(memory, cPtr / 8, cPtr / 8 + cSpan), c.offset);
};
