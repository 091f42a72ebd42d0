// The WebAssembly instances of the kernels, their one shared memory, and a Float64Array view kept fresh across growth.
import { wasmBase64 as gemmBase64 } from './generated/gemm-wasm.js';
import { wasmBase64 as matvecBase64 } from './generated/matvec-wasm.js';

/** The functions exported by gemm.wat and matvec.wat (pointers in bytes, sizes and strides in elements). */
export interface WasmKernels {
  readonly gemm: (
    m: number,
    n: number,
    k: number,
    a: number,
    ars: number,
    acs: number,
    b: number,
    brs: number,
    bcs: number,
    c: number,
    ldc: number,
    add: number,
    packA: number,
    packB: number,
  ) => void;
  readonly dotRows: (
    rows: number,
    len: number,
    m: number,
    ldm: number,
    x: number,
    y: number,
    add: number,
  ) => void;
  readonly axpyRows: (
    rows: number,
    len: number,
    m: number,
    ldm: number,
    x: number,
    y: number,
    add: number,
  ) => void;
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

/** The slice of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  readonly Memory: new (descriptor: {
    initial: number;
  }) => { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

const PAGE_BYTES = 65536;
/** Problems needing more WebAssembly memory than this go to the JS kernel instead (i32 pointers, and restraint). */
export const MAX_HEAP_BYTES = 1 << 30;

function decodeBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const memory = new WebAssembly.Memory({ initial: 16 });
const imports = { env: { memory } };
const gemmExports = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(gemmBase64)), imports)
  .exports;
const matvecExports = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(matvecBase64)), imports)
  .exports;

/**
 * The compiled kernels, instantiated synchronously when this module loads.
 *
 * @example
 * kernels.dotRows(rows, len, matrixPtr, len, xPtr, yPtr, 0); // y = M·x inside `heap()`
 */
export const kernels: WasmKernels = {
  gemm: gemmExports.gemm as WasmKernels['gemm'],
  dotRows: matvecExports.dot_rows as WasmKernels['dotRows'],
  axpyRows: matvecExports.axpy_rows as WasmKernels['axpyRows'],
  ger: matvecExports.ger as WasmKernels['ger'],
};

let view = new Float64Array(memory.buffer);

/**
 * The memory as f64 elements, grown first to at least `bytes`. Call it again after anything that may grow the
 * memory: growing detaches every earlier view.
 *
 * @example
 * const h = heap(1024); // h.length ≥ 128
 */
export function heap(bytes: number): Float64Array {
  if (bytes > memory.buffer.byteLength) {
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
    view = new Float64Array(memory.buffer);
  }
  return view;
}
