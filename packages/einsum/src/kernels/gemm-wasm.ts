// The WebAssembly path of gemm: operands in kernel memory are read where they lie, others copied in and out.

import { countCopy, heap, MAX_HEAP_BYTES } from '../resident/heap.js';
import { bytesOf, type DType, type FloatArray } from '../tensor/dtype.js';
import { type KernelSet, wasmKernels } from './backend.js';
import { gemmJs } from './gemm-js.js';
import type { Gemm, GemmProblem, MatrixOperand } from './gemm-types.js';
import { SliceCache } from './slice-cache.js';

/**
 * The blocking of each variant of gemm.wat (its @variant lines say the same; a test checks): packed A holds
 * up to `rows` rows of `depth` columns, packed B `depth` rows of panels `panel` columns wide.
 */
export const BLOCKING: Readonly<Record<DType, { rows: number; depth: number; panel: number }>> = {
  float64: { rows: 96, depth: 256, panel: 4 },
  float32: { rows: 96, depth: 512, panel: 8 },
};

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

/** Whether a product of these sizes runs the packed kernel (the others are matrix-vector or outer products). */
function packs({ m, n, k }: GemmProblem): boolean {
  return m > 1 && n > 1 && k > 1;
}

/** Bytes of the packed A block of the packed kernel (0 when the product does not pack). */
function packBytesA(problem: GemmProblem, dtype: DType): number {
  if (!packs(problem)) return 0;
  const { rows, depth } = BLOCKING[dtype];
  return align(Math.ceil(Math.min(problem.m, rows) / 4) * 4 * Math.min(problem.k, depth) * bytesOf(dtype));
}

/** Bytes of the packed B block of the packed kernel (0 when the product does not pack). */
function packBytesB(problem: GemmProblem, dtype: DType): number {
  if (!packs(problem)) return 0;
  const { depth, panel } = BLOCKING[dtype];
  return align(Math.ceil(problem.n / panel) * panel * Math.min(problem.k, depth) * bytesOf(dtype));
}

/**
 * The staging bytes a product of this shape may need: the packed blocks, plus room to copy in each operand
 * that does not live in kernel memory (all three, at worst). Programs reserve it when they are built, so
 * that running them never grows the memory.
 *
 * @example
 * ```ts
 * heap.scratch(stagingBytes({ batch: 1, m: 256, n: 256, k: 256 }, [256², 256², 256²], 'float64'));
 * ```
 */
export function stagingBytes(
  problem: GemmProblem,
  strides: readonly [number, number, number],
  dtype: DType,
): number {
  const { batch, m, n, k } = problem;
  const bytes = bytesOf(dtype);
  const [sa, sb, sc] = strides;
  return (
    packBytesA(problem, dtype) +
    packBytesB(problem, dtype) +
    align(span(batch, sa, m * k) * bytes) +
    align(span(batch, sb, k * n) * bytes) +
    align(span(batch, sc, m * n) * bytes)
  );
}

/** The byte address of an operand's first element when its array is a view of kernel memory, else -1. */
function residentAddress(operand: MatrixOperand): number {
  const { data } = operand;
  return data.buffer === heap.memory.buffer ? data.byteOffset + operand.offset * data.BYTES_PER_ELEMENT : -1;
}

/**
 * `gemm` (same contract; see gemm.ts) in WebAssembly SIMD, f64x2 or f32x4 by the operands' element type.
 * Operands that live in kernel memory (resident tensors) are read and written where they lie; the others
 * are copied into the staging block (and C back out), each copy counted in `memoryStats()`. Matrix-vector
 * shapes (m = 1 or n = 1) run row dot products or row combinations, outer products (k = 1) one pass of row
 * scalings, the rest the packed, cache-blocked kernel, one call for the whole batch. Problems whose staging
 * the memory cannot hold (MAX_HEAP_BYTES) run the JS kernel.
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
  if (batch === 0 || m === 0 || n === 0) return;
  if (k === 0) {
    gemmJs(problem, a, b, c); // C = 0, or C unchanged when accumulating: no kernel needed
    return;
  }
  const dtype: DType = c.data instanceof Float32Array ? 'float32' : 'float64';
  const bytes = bytesOf(dtype);
  const aSpan = span(batch, a.batchStride, m * k);
  const bSpan = span(batch, b.batchStride, k * n);
  const cSpan = span(batch, c.batchStride, m * n);
  // addresses first: growing the memory below detaches resident views, but not their addresses
  let aAt = residentAddress(a);
  let bAt = residentAddress(b);
  let cAt = residentAddress(c);
  const packA = packBytesA(problem, dtype);
  const packB = packBytesB(problem, dtype);
  const need =
    packA +
    packB +
    (aAt < 0 ? align(aSpan * bytes) : 0) +
    (bAt < 0 ? align(bSpan * bytes) : 0) +
    (cAt < 0 ? align(cSpan * bytes) : 0);
  const packAt = need > MAX_HEAP_BYTES / 2 ? -1 : heap.scratch(need);
  if (packAt < 0) {
    gemmJs(problem, a, b, c); // too large for kernel memory
    return;
  }
  const memory = heap.view(dtype);
  let free = packAt + packA + packB;
  if (aAt < 0) {
    aAt = free;
    free += stage(a, aSpan, sliceA, memory, aAt / bytes);
  }
  if (bAt < 0) {
    bAt = free;
    free += stage(b, bSpan, sliceB, memory, bAt / bytes);
  }
  const cStaged = cAt < 0;
  if (cStaged) {
    cAt = free;
    // C is copied back whole, so it is copied in when its old values matter: accumulating, or gaps between batches
    const cHasGaps = batch > 1 && c.batchStride !== 0 && c.batchStride !== m * n;
    if (accumulate || cHasGaps) stage(c, cSpan, sliceCIn, memory, cAt / bytes);
  }
  const kernels = (wasmKernels as KernelSet)[dtype];
  if (cStaged && k === 1 && !accumulate && cSpan === batch * m * n && cSpan * bytes > OUTER_BLOCK_BYTES) {
    outerInBlocks(kernels, problem, aAt, bAt, cAt, a, b, c, memory, bytes);
    countCopy(cSpan, bytes);
    return;
  }
  run(kernels, problem, aAt, bAt, cAt, packAt, packAt + packA, a, b, c, bytes);
  if (cStaged) {
    c.data.set(sliceCOut.get(memory, cAt / bytes, cAt / bytes + cSpan) as FloatArray, c.offset);
    countCopy(cSpan, bytes);
  }
};

/**
 * Copies `count` elements of an operand into kernel memory at element `at` (a counted copy) and returns the
 * bytes it took there (16-aligned).
 */
function stage(
  operand: MatrixOperand,
  count: number,
  cache: SliceCache,
  memory: FloatArray,
  at: number,
): number {
  memory.set(cache.get(operand.data, operand.offset, operand.offset + count), at);
  countCopy(count, memory.BYTES_PER_ELEMENT);
  return align(count * memory.BYTES_PER_ELEMENT);
}

/** Bytes of the result block an outer product writes in kernel memory before copying it out (L2-sized). */
const OUTER_BLOCK_BYTES = 1 << 17;

/**
 * An outer product (k = 1) into an array outside kernel memory, a block of rows at a time: each block is
 * written by the SIMD kernel into the staging block and copied out while it is still in cache, so the result
 * crosses main memory once, as a JS loop's would, instead of three times (write, read, write).
 */
function outerInBlocks(
  kernels: KernelSet['float64'],
  { batch, m, n }: GemmProblem,
  aAt: number,
  bAt: number,
  staging: number,
  a: MatrixOperand,
  b: MatrixOperand,
  c: MatrixOperand,
  memory: FloatArray,
  bytes: number,
): void {
  const rows = Math.max(1, Math.floor(OUTER_BLOCK_BYTES / (n * bytes)));
  const start = staging / bytes;
  for (let p = 0; p < batch; p++) {
    for (let i0 = 0; i0 < m; i0 += rows) {
      const count = Math.min(rows, m - i0);
      kernels.ger(
        count,
        n,
        aAt + (p * a.batchStride + i0) * bytes,
        bAt + p * b.batchStride * bytes,
        staging,
        n,
        0,
      );
      c.data.set(memory.subarray(start, start + count * n), c.offset + p * c.batchStride + i0 * n);
    }
  }
}

/** Calls the kernel that suits the shape (k ≥ 1), on operands and packing space at byte addresses. */
function run(
  kernels: KernelSet['float64'],
  problem: GemmProblem,
  aAt: number,
  bAt: number,
  cAt: number,
  packA: number,
  packB: number,
  a: MatrixOperand,
  b: MatrixOperand,
  c: MatrixOperand,
  bytes: number,
): void {
  const { batch, m, n, k, accumulate = false } = problem;
  const add = accumulate ? 1 : 0;
  const transA = a.transposed;
  const transB = b.transposed;
  if (packs(problem)) {
    // A(i, p) at ap + (i·ars + p·acs)·bytes, B(p, j) at bp + (p·brs + j·bcs)·bytes: the flags only change strides
    const ars = transA ? 1 : k;
    const acs = transA ? m : 1;
    const brs = transB ? 1 : n;
    const bcs = transB ? k : 1;
    kernels.gemm(
      batch,
      m,
      n,
      k,
      aAt,
      ars,
      acs,
      a.batchStride * bytes,
      bAt,
      brs,
      bcs,
      b.batchStride * bytes,
      cAt,
      n,
      c.batchStride * bytes,
      add,
      packA,
      packB,
    );
    return;
  }
  for (let p = 0; p < batch; p++) {
    const ap = aAt + p * a.batchStride * bytes;
    const bp = bAt + p * b.batchStride * bytes;
    const cp = cAt + p * c.batchStride * bytes;
    if (n === 1 && (m === 1 || !transA)) kernels.dotRows(m, k, ap, k, bp, cp, add);
    else if (n === 1) kernels.axpyRows(k, m, ap, m, bp, cp, add);
    else if (m === 1 && transB) kernels.dotRows(n, k, bp, k, ap, cp, add);
    else if (m === 1) kernels.axpyRows(k, n, bp, n, ap, cp, add);
    else kernels.ger(m, n, ap, bp, cp, n, add); // k = 1: the flags change no layout
  }
}
