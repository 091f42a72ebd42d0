// The one matrix-product entry point of the executor: checks the ranges, then picks the JS or WebAssembly kernel.

import type { FloatArray } from '../tensor/dtype.js';
import { wasmKernels } from './backend.js';
import { gemmJs } from './gemm-js.js';
import type { GemmProblem, MatrixOperand } from './gemm-types.js';
import { gemmWasm } from './gemm-wasm.js';

/**
 * Products with at most this many multiply-adds (m·n·k) per matrix run in plain JS: below it, the fixed cost of
 * the WebAssembly path (about 0.3 µs of copies and calls) exceeds what SIMD saves. Measured with
 * bench/kernels.mjs: JS and WebAssembly break even near 4×4×4; 2×2×2 takes about 30 ns in JS.
 */
export const JS_MAX_MULTIPLY_ADDS = 64;

function checkOperand(
  name: string,
  operand: MatrixOperand,
  batch: number,
  size: number,
  kind: FloatArray,
): void {
  const { data, offset, batchStride } = operand;
  if (!(Number.isInteger(offset) && offset >= 0 && Number.isInteger(batchStride) && batchStride >= 0)) {
    throw new RangeError(
      `gemm: ${name} offset ${offset} and batch stride ${batchStride} must be integers ≥ 0`,
    );
  }
  if (data.constructor !== kind.constructor) {
    throw new RangeError(`gemm: ${name} is a ${data.constructor.name} but C is a ${kind.constructor.name}`);
  }
  const end = offset + (batch - 1) * batchStride + size;
  if (end > data.length) {
    throw new RangeError(
      `gemm: ${name} needs elements up to index ${end - 1} (offset ${offset}, batch stride ${batchStride}, ` +
        `${batch} matrices of ${size}) but its array has length ${data.length}`,
    );
  }
}

/**
 * For p in [0, batch): C_p = op(A_p)·op(B_p), op = transpose for an operand marked `transposed`; C is
 * overwritten (or accumulated into when the problem says `accumulate`). A_p is m×k (stored k×m when
 * transposed), B_p is k×n (stored n×k), C_p is m×n, each row-major and contiguous, starting at
 * offset + p·batchStride (batchStride 0 broadcasts). The three arrays are all Float64Arrays or all
 * Float32Arrays; operands that are views of kernel memory (resident tensors) are not copied.
 *
 * Zero sizes are allowed: batch, m or n = 0 touch nothing; k = 0 makes C zero (or leaves it, accumulating).
 * C must not overlap A or B. Throws RangeError when a size is not a non-negative integer, an operand runs
 * past its array or the element types differ; nothing is written then.
 *
 * @example
 * ```ts
 * const c = new Float64Array(4);
 * gemm({ batch: 1, m: 2, n: 2, k: 2 }, matrix(new Float64Array([1, 2, 3, 4])),
 *   matrix(new Float64Array([5, 6, 7, 8]), 0, true), matrix(c));
 * // c → [17, 23, 39, 53]   (A·Bᵀ)
 * ```
 */
export function gemm(problem: GemmProblem, a: MatrixOperand, b: MatrixOperand, c: MatrixOperand): void {
  const { batch, m, n, k } = problem;
  if (!(Number.isInteger(batch) && Number.isInteger(m) && Number.isInteger(n) && Number.isInteger(k))) {
    throw new RangeError(`gemm: sizes must be integers, got batch ${batch}, m ${m}, n ${n}, k ${k}`);
  }
  if (batch < 0 || m < 0 || n < 0 || k < 0) {
    throw new RangeError(`gemm: sizes must be ≥ 0, got batch ${batch}, m ${m}, n ${n}, k ${k}`);
  }
  if (batch === 0 || m === 0 || n === 0) return;
  checkOperand('A', a, batch, m * k, c.data);
  checkOperand('B', b, batch, k * n, c.data);
  checkOperand('C', c, batch, m * n, c.data);
  const kernel = wasmKernels === undefined || m * n * k <= JS_MAX_MULTIPLY_ADDS ? gemmJs : gemmWasm;
  kernel(problem, a, b, c);
}
