// Arena: tensors placed once in the kernels' memory, so that contractions read and write them there, uncopied.

import { EinsumError } from '../errors.js';
import { checkShape, describe, sizeOf } from '../shape.js';
import { type ArrayOf, bytesOf, type DType, type FloatArray } from '../tensor/dtype.js';
import { checkDType, type TensorData, tensor } from '../tensor/from-data.js';
import { adoptStorage, type ResidentStorage, Tensor } from '../tensor/tensor.js';
import { Block } from './block.js';
import { heap, type KernelMemory } from './heap.js';

/**
 * Options of {@link arena}: `reserve` bytes of kernel memory taken up front (the memory grows once, now), so
 * that tensors allocated within it never make the memory grow; `name` labels the printout.
 *
 * @example
 * ```ts
 * const options: ArenaOptions = { reserve: 16 << 20, name: 'weights' };
 * ```
 */
export interface ArenaOptions {
  readonly reserve?: number;
  readonly name?: string;
}

/**
 * Options of `Arena.tensor` and `Arena.zeros`: the element type (default: float32 for Float32Array or float32
 * tensor data, float64 otherwise) and a name for the printout.
 *
 * @example
 * ```ts
 * const options: ResidentOptions = { dtype: 'float32', name: 'W' };
 * ```
 */
export interface ResidentOptions {
  readonly dtype?: DType;
  readonly name?: string;
}

/**
 * Gives an arena's memory back once the arena is garbage: nothing can reach its tensors then (each holds its
 * arena), so their blocks are free for others. The held value is the arena's chunk addresses, not the arena.
 */
const unreachable = new FinalizationRegistry<number[]>((offsets) => {
  for (const offset of offsets) heap.release(offset);
});

/** Smallest chunk an arena takes from the memory once its reserve is used up. */
const CHUNK_BYTES = 1 << 16;
/** Tensors start on 16-byte boundaries (v128 loads). */
const ALIGN = 16;

/**
 * A tensor whose elements live in the kernels' memory (made by {@link Arena}): einsum and compiled
 * expressions read and write it in place, with no copy. `byteOffset` is its address in `arena.memory`, for
 * other WebAssembly modules that import that memory. `data` is a view of the memory's current buffer: it is
 * made again after the memory grows (growth detaches older views), so read `data` again rather than keeping
 * it across calls that may allocate (see {@link Arena}).
 *
 * @example
 * ```ts
 * const W = arena().tensor([[1, 2], [3, 4]], undefined, { name: 'W' });
 * W.byteOffset; // e.g. 65808: W's first element in W.arena.memory
 * W.data[3] = 5; // writes kernel memory directly
 * ```
 */
export class ResidentTensor<A extends FloatArray = Float64Array> extends Tensor<A> {
  readonly arena: Arena;
  readonly name: string | undefined;

  /** Use {@link Arena.tensor} or {@link Arena.zeros}. */
  constructor(owner: Arena, storage: ResidentStorage, shape: readonly number[], name?: string) {
    super(adoptStorage(storage) as A, shape);
    this.arena = owner;
    this.name = name;
  }

  override get byteOffset(): number {
    return super.byteOffset as number;
  }
}

/**
 * A group of tensors in the kernels' memory, released together: the resident memory of this package. Place
 * weights, state and gradients there once; then compiled expressions over them (and `into()` a resident
 * output) run the WebAssembly kernels on them where they lie, with no copy per call (`memoryStats().copies`
 * stays put), and JS code reads and writes them through `data`.
 *
 * There is one kernel memory per realm (thread or Worker), shared by every arena. It grows when an allocation
 * does not fit, and growing detaches every earlier `data` view (each tensor makes a fresh one on the next
 * access). So: `reserve` enough up front, or read `data` again after anything that may allocate (making
 * tensors, compiling, a contraction over non-resident operands larger than any before).
 * `memoryStats().grows` counts the grows. A compiled expression takes its staging space when it is compiled,
 * so calling it over resident operands never grows the memory.
 *
 * `memory` is a WebAssembly.Memory: another module may import it and work on resident tensors in place at
 * their `byteOffset` (tensors start on 16-byte boundaries).
 *
 * @example
 * ```ts
 * const weights = arena({ reserve: 1 << 20, name: 'model' });
 * const W = weights.tensor(initialW, [256, 256], { name: 'W' }); // copied in once
 * const s = weights.zeros([32, 256], { name: 's' });
 * const next = weights.zeros([32, 256], { name: 'next' });
 * const step = compile('bj,ij->bi', [s.shape, W.shape]);
 * step.into(next, s, W); // the SIMD kernel reads W and s and writes next in kernel memory
 *
 * // another module updating W in place:
 * const adagrad = new WebAssembly.Instance(module, { env: { memory: weights.memory } });
 * adagrad.exports.update(W.byteOffset, W.size);
 *
 * console.log(String(weights)); // one line per tensor: name, dtype, shape, bytes, address
 * weights.release(); // frees every tensor; using one afterwards throws EinsumError 'released'
 * ```
 */
export class Arena {
  readonly name: string | undefined;
  /** Bytes taken from the memory when the arena was made. */
  readonly reserved: number;
  #released = false;
  readonly #chunks: { offset: number; bytes: number; used: number }[] = [];
  /** The chunks' addresses, for the finalizer (which must not hold the arena itself). */
  readonly #offsets: number[] = [];
  readonly #tensors: ResidentTensor<FloatArray>[] = [];

  constructor(options: ArenaOptions = {}) {
    const reserve = options.reserve ?? 0;
    if (!Number.isSafeInteger(reserve) || reserve < 0) {
      throw new EinsumError(
        'bad-shape',
        `reserve must be a non-negative number of bytes, got ${describe(reserve)}`,
      );
    }
    this.name = options.name;
    this.reserved = reserve;
    unreachable.register(this, this.#offsets, this);
    if (reserve > 0) this.#takeChunk(reserve);
  }

  /** The kernels' memory (a WebAssembly.Memory, shared by every arena of this realm). */
  get memory(): KernelMemory {
    return heap.memory;
  }

  /** True after `release()`. */
  get released(): boolean {
    return this.#released;
  }

  /** Bytes taken by this arena's tensors. */
  get used(): number {
    return this.#chunks.reduce((total, chunk) => total + chunk.used, 0);
  }

  /** The tensors made by this arena, in order. */
  get tensors(): readonly ResidentTensor<FloatArray>[] {
    return this.#tensors;
  }

  /** How error messages and the printout name this arena. */
  get label(): string {
    return this.name === undefined ? 'an arena' : `arena '${this.name}'`;
  }

  /**
   * A resident copy of `data` (anything `tensor()` accepts, or a Tensor), row-major, of `shape` when given.
   *
   * @example
   * ```ts
   * arena().tensor(new Float32Array([1, 2, 3, 4]), [2, 2]).dtype; // 'float32'
   * ```
   */
  tensor(
    data: Float32Array | Tensor<Float32Array>,
    shape?: readonly number[],
    options?: ResidentOptions,
  ): ResidentTensor<Float32Array>;
  tensor<D extends DType>(
    data: TensorData | Tensor<FloatArray>,
    shape: readonly number[] | undefined,
    options: ResidentOptions & { readonly dtype: D },
  ): ResidentTensor<ArrayOf<D>>;
  tensor(data: TensorData | Tensor, shape?: readonly number[], options?: ResidentOptions): ResidentTensor;
  tensor(
    data: TensorData | Tensor<FloatArray>,
    shape?: readonly number[],
    options: ResidentOptions = {},
  ): ResidentTensor<FloatArray> {
    checkDType(options.dtype);
    const source = tensor(data as TensorData, shape, options as { dtype: DType });
    const resident = this.zeros(source.shape, { dtype: source.dtype, name: options.name });
    resident.data.set(source.data);
    return resident as ResidentTensor<FloatArray>;
  }

  /**
   * A resident tensor of zeros.
   *
   * @example
   * ```ts
   * arena().zeros([2, 3], { dtype: 'float32' }).toArray(); // [[0, 0, 0], [0, 0, 0]]
   * ```
   */
  zeros<D extends DType = 'float64'>(
    shape: readonly number[],
    options: ResidentOptions & { readonly dtype?: D } = {},
  ): ResidentTensor<ArrayOf<D>> {
    if (this.#released) throw new EinsumError('released', `${this.label} was released: make a new one`);
    checkDType(options.dtype);
    checkShape(shape, 'the shape of a resident tensor');
    const dtype = (options.dtype ?? 'float64') as D;
    const length = sizeOf(shape);
    const byteOffset = this.#allocate(length * bytesOf(dtype));
    const storage = new Block(this, byteOffset, length, dtype);
    storage.view().fill(0);
    const resident = new ResidentTensor<ArrayOf<D>>(this, storage, shape, options.name);
    this.#tensors.push(resident as unknown as ResidentTensor<FloatArray>);
    return resident;
  }

  /**
   * Frees every tensor of this arena (and its reserve) now; using one afterwards throws EinsumError 'released'.
   * An arena that is dropped without release() gives its memory back when it is garbage-collected.
   */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    unreachable.unregister(this);
    for (const chunk of this.#chunks) heap.release(chunk.offset);
    this.#chunks.length = 0;
    this.#offsets.length = 0;
  }

  /** The arena as text: its totals, then one line per tensor (name, dtype, shape, bytes, byte address). */
  toString(): string {
    const count = this.#tensors.length;
    const head = [
      `Arena${this.name === undefined ? '' : ` '${this.name}'`}: ${count} tensor${count === 1 ? '' : 's'}`,
      `${formatBytes(this.used)} used`,
      this.reserved > 0 ? `${formatBytes(this.reserved)} reserved` : 'no reserve',
      ...(this.#released ? ['released'] : []),
    ].join(', ');
    const rows = this.#tensors.map((t, i) => {
      const where = this.#released ? '' : ` at byte ${t.byteOffset}`;
      const bytes = formatBytes(t.size * bytesOf(t.dtype));
      return `  ${(t.name ?? `#${i}`).padEnd(6)} ${t.dtype} [${t.shape.join(', ')}] ${bytes}${where}`;
    });
    return [`${head} (kernel memory ${formatBytes(heap.memory.buffer.byteLength)})`, ...rows].join('\n');
  }

  /** A new chunk of `bytes` from the memory. */
  #takeChunk(bytes: number): { offset: number; bytes: number; used: number } {
    const chunk = { offset: heap.allocate(bytes), bytes, used: 0 };
    this.#chunks.push(chunk);
    this.#offsets.push(chunk.offset);
    return chunk;
  }

  /** `bytes` from the current chunk, or from a new chunk when they do not fit. */
  #allocate(bytes: number): number {
    const size = Math.ceil(bytes / ALIGN) * ALIGN;
    const chunk =
      this.#chunks.find((c) => c.bytes - c.used >= size) ?? this.#takeChunk(Math.max(size, CHUNK_BYTES));
    const offset = chunk.offset + chunk.used;
    chunk.used += size;
    return offset;
  }
}

/** A byte count as a person reads it: 96 B, 12.5 KiB, 4.0 MiB. */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1 << 20) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}

/**
 * A new {@link Arena}: resident memory for tensors that contractions use many times.
 *
 * @example
 * ```ts
 * const a = arena({ reserve: 4 << 20 });
 * const x = a.tensor([1, 2, 3]);
 * einsum('i,i->', x, x).toArray(); // 14, read in place by the kernels
 * ```
 */
export function arena(options?: ArenaOptions): Arena {
  return new Arena(options);
}
