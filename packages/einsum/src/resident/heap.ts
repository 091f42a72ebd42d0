// The kernels' memory: one WebAssembly.Memory per realm, a block allocator over it, and its whole-memory views.

import { EinsumError } from '../errors.js';
import type { DType, FloatArray } from '../tensor/dtype.js';

/**
 * The part of `WebAssembly.Memory` this package uses (declared here so that the types need no DOM library).
 * Where `WebAssembly` is missing, a stand-in over an ArrayBuffer with the same behaviour takes its place.
 *
 * @example
 * ```ts
 * const memory: KernelMemory = arena().memory; // a WebAssembly.Memory
 * new WebAssembly.Instance(module, { env: { memory } });
 * ```
 */
export interface KernelMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The slice of the WebAssembly JS API used by this package. */
export interface WebAssemblyApi {
  readonly Memory: new (descriptor: { initial: number }) => KernelMemory;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

/** The engine's WebAssembly object, or undefined where there is none. */
export const webAssembly = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly;

/** Bytes per WebAssembly page. */
export const PAGE_BYTES = 65536;
/** Bytes [0, FIRST_BLOCK) belong to the kernels' own scratch tile; blocks start here. */
const FIRST_BLOCK = 256;
/** The largest memory this package grows to (i32 pointers, and restraint); beyond it the JS kernels run. */
export const MAX_HEAP_BYTES = 1 << 30;
/** Blocks start at multiples of this (v128 alignment). */
const ALIGN = 16;

/** A growable ArrayBuffer that behaves like a WebAssembly.Memory: growing detaches the old buffer. */
class ArrayBufferMemory implements KernelMemory {
  buffer: ArrayBuffer;

  constructor(pages: number) {
    this.buffer = new ArrayBuffer(pages * PAGE_BYTES);
  }

  grow(pages: number): number {
    const old = this.buffer;
    const grown = new ArrayBuffer(old.byteLength + pages * PAGE_BYTES);
    new Uint8Array(grown).set(new Uint8Array(old));
    // detach the old buffer as WebAssembly does, so that a stale view fails loudly instead of reading old data
    const clone = (globalThis as { structuredClone?: (value: unknown, options: object) => unknown })
      .structuredClone;
    clone?.(old, { transfer: [old] });
    this.buffer = grown;
    return old.byteLength / PAGE_BYTES;
  }
}

/** Counters of the data the library moved on a caller's behalf (see `memoryStats`). */
export interface HeapCounters {
  copies: number;
  copiedBytes: number;
  grows: number;
}

/**
 * The kernels' memory and a first-fit allocator of 16-byte-aligned blocks over it. Growing the memory detaches
 * every view of it: `generation` counts the grows, and `f64` / `f32` are replaced by fresh whole-memory views
 * after each, so code that keeps a view re-derives it when the generation changed.
 */
export class Heap {
  readonly memory: KernelMemory;
  f64: Float64Array;
  f32: Float32Array;
  generation = 0;
  readonly counters: HeapCounters = { copies: 0, copiedBytes: 0, grows: 0 };
  /** Free blocks, sorted by offset, never adjacent (merged on free). */
  private readonly free: { offset: number; bytes: number }[] = [];
  private readonly used = new Map<number, number>();
  private scratchOffset = -1;
  private scratchBytes = 0;

  constructor(memory: KernelMemory) {
    this.memory = memory;
    this.f64 = new Float64Array(memory.buffer);
    this.f32 = new Float32Array(memory.buffer);
    const end = memory.buffer.byteLength;
    if (end > FIRST_BLOCK) this.free.push({ offset: FIRST_BLOCK, bytes: end - FIRST_BLOCK });
  }

  /** The whole memory as elements of `dtype` (a fresh view after every grow). */
  view(dtype: DType): FloatArray {
    return dtype === 'float32' ? this.f32 : this.f64;
  }

  /** Bytes of memory in use by blocks (the scratch block included). */
  get usedBytes(): number {
    let total = 0;
    for (const bytes of this.used.values()) total += bytes;
    return total;
  }

  /** A block of at least `bytes` (a multiple of 16 from a 16-byte boundary); grows the memory when none fits. */
  allocate(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    let index = this.free.findIndex((block) => block.bytes >= size);
    if (index < 0) index = this.grow(size);
    const block = this.free[index] as { offset: number; bytes: number };
    const offset = block.offset;
    if (block.bytes === size) this.free.splice(index, 1);
    else {
      block.offset += size;
      block.bytes -= size;
    }
    this.used.set(offset, size);
    return offset;
  }

  /** Returns a block to the free list, merging it with free neighbours. */
  release(offset: number): void {
    const bytes = this.used.get(offset);
    if (bytes === undefined) throw new Error(`internal: no block at byte ${offset}`);
    this.used.delete(offset);
    let index = this.free.findIndex((block) => block.offset > offset);
    if (index < 0) index = this.free.length;
    this.free.splice(index, 0, { offset, bytes });
    const next = this.free[index + 1];
    const block = this.free[index] as { offset: number; bytes: number };
    if (next !== undefined && block.offset + block.bytes === next.offset) {
      block.bytes += next.bytes;
      this.free.splice(index + 1, 1);
    }
    const previous = this.free[index - 1];
    if (previous !== undefined && previous.offset + previous.bytes === block.offset) {
      previous.bytes += block.bytes;
      this.free.splice(index, 1);
    }
  }

  /**
   * The byte offset of the staging block, at least `bytes` long: where the kernels pack panels and copy
   * operands that do not live in this memory. Its contents do not survive the next call. It moves (and the
   * memory may grow) only when a larger one is asked for; programs ask when they are built. Returns -1 when
   * the memory cannot grow that far (MAX_HEAP_BYTES): the caller then runs the JS kernels.
   */
  scratch(bytes: number): number {
    if (bytes <= this.scratchBytes) return this.scratchOffset;
    if (this.scratchOffset >= 0) this.release(this.scratchOffset);
    this.scratchOffset = -1;
    this.scratchBytes = 0;
    try {
      this.scratchOffset = this.allocate(bytes);
    } catch (error) {
      if (error instanceof EinsumError && error.code === 'too-large') return -1;
      throw error;
    }
    this.scratchBytes = this.used.get(this.scratchOffset) as number;
    return this.scratchOffset;
  }

  /** Grows the memory so that a block of `size` fits at its end; returns that free block's index. */
  private grow(size: number): number {
    const end = this.memory.buffer.byteLength;
    const last = this.free[this.free.length - 1];
    const tail = last !== undefined && last.offset + last.bytes === end ? last.bytes : 0;
    // at least a quarter more each time, so that a run of allocations grows (and detaches views) rarely
    const wanted = Math.max(size - tail, Math.ceil(end / 4));
    const pages = Math.ceil(wanted / PAGE_BYTES);
    if (end + pages * PAGE_BYTES > MAX_HEAP_BYTES && end + (size - tail) > MAX_HEAP_BYTES) {
      throw new EinsumError(
        'too-large',
        `the kernels' memory would grow past ${MAX_HEAP_BYTES} bytes (${end} in use, ${size} more asked for)`,
      );
    }
    const grantedPages = Math.min(pages, Math.floor((MAX_HEAP_BYTES - end) / PAGE_BYTES));
    this.memory.grow(grantedPages);
    this.generation++;
    this.counters.grows++;
    this.f64 = new Float64Array(this.memory.buffer);
    this.f32 = new Float32Array(this.memory.buffer);
    const added = grantedPages * PAGE_BYTES;
    if (tail > 0) (last as { bytes: number }).bytes += added;
    else this.free.push({ offset: end, bytes: added });
    return this.free.length - 1;
  }
}

/** Pages the memory starts with (1 MiB). */
const INITIAL_PAGES = 16;

/**
 * The one kernel memory of this realm (each thread or Worker has its own): resident tensors, the kernels'
 * staging block and every module that imports it share it.
 */
export const heap = new Heap(
  webAssembly === undefined
    ? new ArrayBufferMemory(INITIAL_PAGES)
    : new webAssembly.Memory({ initial: INITIAL_PAGES }),
);

/**
 * What the kernels' memory holds and what the library copied on a caller's behalf, counted since the module
 * loaded. `copies` and `copiedBytes` count operand data moved by contractions: into and out of kernel memory
 * for operands that do not live there, into staging buffers for non-contiguous or other-dtype operands, and
 * permuted copies a plan could not avoid. A compiled expression over resident operands and a resident output
 * adds nothing to them. `grows` counts the times the memory grew (each detaches earlier views of it).
 *
 * @example
 * ```ts
 * const before = memoryStats().copies;
 * step.into(next, s, W); // all resident
 * memoryStats().copies - before; // 0
 * ```
 */
export interface MemoryStats {
  /** Bytes of kernel memory (the WebAssembly.Memory's current size). */
  readonly bytes: number;
  /** Bytes of it held by arenas and the kernels' staging block. */
  readonly usedBytes: number;
  readonly grows: number;
  readonly copies: number;
  readonly copiedBytes: number;
}

/**
 * A snapshot of {@link MemoryStats}: compare two to see what a piece of code copied or grew.
 *
 * @example
 * ```ts
 * memoryStats(); // { bytes: 1048576, usedBytes: 0, grows: 0, copies: 0, copiedBytes: 0 }
 * ```
 */
export function memoryStats(): MemoryStats {
  const { copies, copiedBytes, grows } = heap.counters;
  return { bytes: heap.memory.buffer.byteLength, usedBytes: heap.usedBytes, grows, copies, copiedBytes };
}

/** Counts one copy of `elements` elements of `bytesPerElement` bytes made on a caller's behalf. */
export function countCopy(elements: number, bytesPerElement: number): void {
  heap.counters.copies++;
  heap.counters.copiedBytes += elements * bytesPerElement;
}
