// Which kernels run: WebAssembly SIMD when the engine validates the modules (and nobody said otherwise), else JS.

import { EinsumError } from '../errors.js';
import { heap, type KernelMemory, type WebAssemblyApi, webAssembly } from '../resident/heap.js';
import { wasmBase64 as gemmF32 } from './generated/gemm-f32-wasm.js';
import { wasmBase64 as gemmF64 } from './generated/gemm-f64-wasm.js';
import { wasmBase64 as matvecF32 } from './generated/matvec-f32-wasm.js';
import { wasmBase64 as matvecF64 } from './generated/matvec-f64-wasm.js';

/**
 * Where contractions run: `'wasm-simd'` (WebAssembly SIMD kernels) or `'js'` (plain JavaScript loops, same
 * results within the documented tolerance).
 *
 * @example
 * ```ts
 * const where: Backend = backend(); // 'wasm-simd' on Node ≥ 16.4 and current browsers
 * ```
 */
export type Backend = 'wasm-simd' | 'js';

/** A matrix-vector kernel: M is rows×len with rows ldm apart at byte m, x and y contiguous; add: y += …, not y = … */
type RowKernel = (
  rows: number,
  len: number,
  m: number,
  ldm: number,
  x: number,
  y: number,
  add: number,
) => void;

/** The functions of one element type's modules (pointers in bytes, sizes and strides in elements). */
export interface WasmKernels {
  readonly gemm: (
    batch: number,
    m: number,
    n: number,
    k: number,
    a: number,
    ars: number,
    acs: number,
    aBatchBytes: number,
    b: number,
    brs: number,
    bcs: number,
    bBatchBytes: number,
    c: number,
    ldc: number,
    cBatchBytes: number,
    add: number,
    packA: number,
    packB: number,
  ) => void;
  /** y (+)= M·x as row dot products. */
  readonly dotRows: RowKernel;
  /** y (+)= Mᵀ·x as combinations of M's rows. */
  readonly axpyRows: RowKernel;
  readonly ger: (
    rows: number,
    len: number,
    x: number,
    y: number,
    c: number,
    ldc: number,
    add: number,
  ) => void;
}

/** The kernels of both element types. */
export interface KernelSet {
  readonly float64: WasmKernels;
  readonly float32: WasmKernels;
}

/** The environment variable that forces a backend. */
export const BACKEND_VARIABLE = 'RNN_EINSUM_BACKEND';

function decodeBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The backend asked for by RNN_EINSUM_BACKEND, read only where `process` exists (not in browsers): 'js',
 * 'wasm-simd', or undefined for the default (the best that runs).
 *
 * @throws EinsumError 'bad-backend' for any other value.
 */
export function requestedBackend(env: Record<string, string | undefined> | undefined): Backend | undefined {
  const value = env?.[BACKEND_VARIABLE];
  if (value === undefined || value === '') return undefined;
  if (value === 'js' || value === 'wasm-simd') return value;
  throw new EinsumError(
    'bad-backend',
    `${BACKEND_VARIABLE}=${JSON.stringify(value)} is not a backend: use 'js', 'wasm-simd' or leave it unset`,
  );
}

/**
 * Instantiates the kernel modules against `memory` when `api` validates every one (WebAssembly.validate: an
 * engine without SIMD rejects them), else returns undefined: the caller then runs the JS kernels.
 */
export function instantiateKernels(
  api: WebAssemblyApi | undefined,
  memory: KernelMemory,
): KernelSet | undefined {
  if (api === undefined || typeof api.validate !== 'function') return undefined;
  const modules = [gemmF64, matvecF64, gemmF32, matvecF32].map(decodeBase64);
  if (!modules.every((bytes) => api.validate(bytes))) return undefined;
  const imports = { env: { memory } };
  const [g64, m64, g32, m32] = modules.map(
    (bytes) => new api.Instance(new api.Module(bytes), imports).exports,
  );
  const kernels = (gemmExports: Record<string, unknown>, matvec: Record<string, unknown>): WasmKernels => ({
    gemm: gemmExports.gemm as WasmKernels['gemm'],
    dotRows: matvec.dot_rows as WasmKernels['dotRows'],
    axpyRows: matvec.axpy_rows as WasmKernels['axpyRows'],
    ger: matvec.ger as WasmKernels['ger'],
  });
  return {
    float64: kernels(g64 as Record<string, unknown>, m64 as Record<string, unknown>),
    float32: kernels(g32 as Record<string, unknown>, m32 as Record<string, unknown>),
  };
}

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
const requested = requestedBackend(env);

/** The WebAssembly kernels, or undefined when the JS kernels run (no SIMD, or RNN_EINSUM_BACKEND=js). */
export const wasmKernels: KernelSet | undefined =
  requested === 'js' ? undefined : instantiateKernels(webAssembly, heap.memory);

if (requested === 'wasm-simd' && wasmKernels === undefined) {
  throw new EinsumError(
    'bad-backend',
    `${BACKEND_VARIABLE}=wasm-simd, but this engine cannot run WebAssembly SIMD (the kernels did not validate)`,
  );
}

/**
 * Where this package's contractions run in this realm: `'wasm-simd'` when the engine validated the WebAssembly
 * SIMD kernels, `'js'` when it did not (the same results, within the tolerance of a different summation
 * order) or when the environment variable RNN_EINSUM_BACKEND=js asked for the JS kernels (read where
 * `process` exists). RNN_EINSUM_BACKEND=wasm-simd makes the import fail where SIMD is missing.
 *
 * @example
 * ```ts
 * backend(); // 'wasm-simd'
 * // RNN_EINSUM_BACKEND=js node app.js → backend() === 'js'
 * ```
 */
export function backend(): Backend {
  return wasmKernels === undefined ? 'js' : 'wasm-simd';
}
