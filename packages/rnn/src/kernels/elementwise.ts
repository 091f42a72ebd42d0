// The elementwise and row-wise steps of the RNN (tanh with the gather of U x_t, the δ gate, softmax with
// cross-entropy, the scatter of dU) as one interface with two implementations: plain loops and WebAssembly SIMD.

import { arena, backend, type FloatArray } from '@rnn/einsum';
import { wasmBase64 as elementwiseF32 } from './generated/elementwise-f32-wasm.js';
import { wasmBase64 as elementwiseF64 } from './generated/elementwise-f64-wasm.js';
import { instantiate } from './instantiate.js';

/**
 * What the forward and backward passes do between contractions, over arrays of one element type. Rows are
 * `width` wide and contiguous; token ids index rows of a table. The loop implementation works on any arrays;
 * the WebAssembly one on arrays that live in kernel memory (resident tensors and their subarrays).
 */
export interface Elementwise<A extends FloatArray = FloatArray> {
  /** (1a): out[r, h] = tanh(mixed[r, h] + table[tokens[r], h]) for r < rows (out may be mixed). */
  tanhGather(out: A, mixed: A, table: A, tokens: Int32Array, rows: number, width: number): void;
  /** The δ gate: out[i] = (a[i] + b[i])·(1 − s[i]²) for i < n. */
  gate(out: A, a: A, b: A, s: A, n: number): void;
  /** Truncated BPTT's gate: delta[i] = a[i]·(1 − s[i]²), then sum[i] += delta[i]. */
  gateAccumulate(delta: A, sum: A, a: A, s: A, n: number): void;
  /** (24)'s scatter: target[tokens[r], h] += source[r, h] for r < rows. */
  scatterAdd(target: A, source: A, tokens: Int32Array, rows: number, width: number): void;
  /**
   * (1b), (2), (11) row by row: q [rows, width] becomes e = (softmax(q) − y)/count, y the one-hot of targets[r];
   * stats[3r … 3r + 2] receive the row's max, Σ exp(q − max) and the target's logit.
   */
  softmaxRows(q: A, targets: Int32Array, rows: number, width: number, count: number, stats: A): void;
}

/** The loops, for arrays anywhere (each operation as the derivation writes it, in double, stored in A's type). */
export const loopKernels: Elementwise = {
  tanhGather(out, mixed, table, tokens, rows, width) {
    for (let r = 0; r < rows; r++) {
      const row = r * width;
      const from = (tokens[r] as number) * width;
      for (let h = 0; h < width; h++) {
        out[row + h] = Math.tanh((mixed[row + h] as number) + (table[from + h] as number));
      }
    }
  },
  gate(out, a, b, s, n) {
    for (let i = 0; i < n; i++) {
      const state = s[i] as number;
      out[i] = ((a[i] as number) + (b[i] as number)) * (1 - state * state);
    }
  },
  gateAccumulate(delta, sum, a, s, n) {
    for (let i = 0; i < n; i++) {
      const state = s[i] as number;
      delta[i] = (a[i] as number) * (1 - state * state);
      sum[i] = (sum[i] as number) + (delta[i] as number);
    }
  },
  scatterAdd(target, source, tokens, rows, width) {
    for (let r = 0; r < rows; r++) {
      const to = (tokens[r] as number) * width;
      const from = r * width;
      for (let h = 0; h < width; h++)
        target[to + h] = (target[to + h] as number) + (source[from + h] as number);
    }
  },
  softmaxRows(q, targets, rows, width, count, stats) {
    for (let r = 0; r < rows; r++) {
      const base = r * width;
      const target = base + (targets[r] as number);
      stats[3 * r + 2] = q[target] as number;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < width; k++) max = Math.max(max, q[base + k] as number);
      let sum = 0;
      for (let k = 0; k < width; k++) {
        const p = Math.exp((q[base + k] as number) - max);
        q[base + k] = p;
        sum += q[base + k] as number;
      }
      const scale = 1 / (sum * count);
      for (let k = 0; k < width; k++) q[base + k] = (q[base + k] as number) * scale;
      q[target] = (q[target] as number) - 1 / count;
      stats[3 * r] = max;
      stats[3 * r + 1] = sum;
    }
  },
};

/** The exports of elementwise.wat (pointers in bytes). */
interface ElementwiseExports {
  tanh_gather(out: number, mixed: number, table: number, tokens: number, rows: number, width: number): void;
  gate(out: number, a: number, b: number, s: number, n: number): void;
  gate_accumulate(delta: number, sum: number, a: number, s: number, n: number): void;
  scatter_add(target: number, source: number, tokens: number, rows: number, width: number): void;
  softmax_xent(q: number, targets: number, rows: number, width: number, count: number, stats: number): void;
  exp(x: number, y: number, n: number): void;
  tanh(x: number, y: number, n: number): void;
}

/** The kernels' memory (shared by every arena of this realm), and its buffer as last seen (it changes as it grows). */
const memory = arena().memory;
let buffer = memory.buffer;

/** The byte address of an array in kernel memory; throws when it lives elsewhere (a caller's mistake). */
function addressOf(array: FloatArray | Int32Array): number {
  if (array.buffer !== buffer) {
    buffer = memory.buffer;
    if (array.buffer !== buffer) {
      throw new RangeError('elementwise kernels: an operand is not in kernel memory (use resident tensors)');
    }
  }
  return array.byteOffset;
}

/** The WebAssembly kernels for one element type, or undefined without SIMD (or with RNN_EINSUM_BACKEND=js). */
function simdKernels(base64: string): { kernels: Elementwise; exports: ElementwiseExports } | undefined {
  if (backend() !== 'wasm-simd') return undefined;
  const exports = instantiate<ElementwiseExports>(base64, memory);
  if (exports === undefined) return undefined;
  const at = addressOf;
  const kernels: Elementwise = {
    tanhGather: (out, mixed, table, tokens, rows, width) =>
      exports.tanh_gather(at(out), at(mixed), at(table), at(tokens), rows, width),
    gate: (out, a, b, s, n) => exports.gate(at(out), at(a), at(b), at(s), n),
    gateAccumulate: (delta, sum, a, s, n) => exports.gate_accumulate(at(delta), at(sum), at(a), at(s), n),
    scatterAdd: (target, source, tokens, rows, width) =>
      exports.scatter_add(at(target), at(source), at(tokens), rows, width),
    softmaxRows: (q, targets, rows, width, count, stats) =>
      exports.softmax_xent(at(q), at(targets), rows, width, count, at(stats)),
  };
  return { kernels, exports };
}

const simd = { float64: simdKernels(elementwiseF64), float32: simdKernels(elementwiseF32) };

/**
 * The kernels a resident computation of this element type runs: WebAssembly SIMD where the engine has it (and
 * einsum's backend is 'wasm-simd'), else the loops (internal).
 */
export function residentKernels(dtype: 'float64' | 'float32'): Elementwise {
  return simd[dtype]?.kernels ?? loopKernels;
}

/** e^x and tanh x of the SIMD kernels, elementwise over resident arrays: for the accuracy tests (internal). */
export function simdFunctions(
  dtype: 'float64' | 'float32',
): Pick<ElementwiseExports, 'exp' | 'tanh'> | undefined {
  return simd[dtype]?.exports;
}
