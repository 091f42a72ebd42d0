// einsum and einsumPath: one-shot evaluation (a view when the result is one) and planning, as compile does.

import { type Binding, bind } from './bind.js';
import { EinsumError } from './errors.js';
import type { Memory } from './exec/memory.js';
import type { Program } from './exec/program.js';
import { buildProgram } from './exec/program.js';
import { createMemory, releaseOperands, runProgram } from './exec/run.js';
import { parse } from './parse.js';
import type { PathInfo, PlanOptions } from './plan/index.js';
import { planEinsum } from './plan/index.js';
import { countCopy } from './resident/heap.js';
import { describe, sizeOf } from './shape.js';
import { allocate, type DType, type FloatArray } from './tensor/dtype.js';
import type { TensorData } from './tensor/from-data.js';
import { tensor } from './tensor/from-data.js';
import type { ContiguousLayout } from './tensor/tensor.js';
import { contiguousLayout, contiguousTensor, Tensor } from './tensor/tensor.js';

/**
 * An operand of {@link einsum}: a Tensor of either dtype (views are read in place), a number (0-d), nested
 * arrays or a typed array (1-d; a Float32Array is float32, any other float64).
 *
 * @example
 * ```ts
 * const operands: EinsumOperand[] = [tensor([1, 2]), 3, [[1, 2], [3, 4]], new Float32Array([1, 2])];
 * ```
 */
export type EinsumOperand = Tensor<FloatArray> | TensorData;

/**
 * An operand that is float32: a float32 tensor or a Float32Array.
 *
 * @example
 * ```ts
 * const x: Float32Operand = new Float32Array([1, 2]);
 * ```
 */
export type Float32Operand = Tensor<Float32Array> | Float32Array;

/**
 * Evaluates an einsum as numpy.einsum does (explicit or implicit output, '...', repeated labels, any number
 * of operands), planning the order of pairwise contractions automatically. A label may also repeat in the
 * output ('i->ii' writes a diagonal). A 0-d result has shape [].
 *
 * The result is float32 when every operand is (float32 tensors, Float32Arrays), computed with the f32x4
 * kernels; otherwise float64 (numpy's promotion: float32 operands beside float64 ones are converted).
 *
 * With one operand whose einsum only permutes axes or takes a diagonal ('ij->ji', 'ii->i', 'ij'), the result
 * is a view that shares the operand's data, as numpy's is: writing one changes the other. Every other result
 * is a new contiguous tensor. (Compiled expressions always write their own output.)
 *
 * @example
 * ```ts
 * einsum('ij,jk->ik', [[1, 2], [3, 4]], [[5, 6], [7, 8]]).toArray(); // [[19, 22], [43, 50]]
 * einsum('ii', [[1, 2], [3, 4]]).toArray();                          // 5
 * einsum('i->ii', [1, 2]).toArray();                                 // [[1, 0], [0, 2]]
 * einsum('ij->ji', a).data === a.data;                               // true: a view
 * einsum('i,i->', new Float32Array([1, 2]), new Float32Array([3, 4])).dtype; // 'float32'
 * ```
 */
export function einsum(subscripts: string, ...operands: Float32Operand[]): Tensor<Float32Array>;
export function einsum(subscripts: string, ...operands: (Tensor | TensorData)[]): Tensor;
export function einsum(subscripts: string, ...operands: EinsumOperand[]): Tensor<FloatArray>;
export function einsum(subscripts: string, ...operands: EinsumOperand[]): Tensor<FloatArray> {
  const n = operands.length;
  const tensors = new Array<Tensor<FloatArray>>(n);
  let all32 = n > 0;
  for (let k = 0; k < n; k++) {
    const t = asTensor(operands[k] as EinsumOperand, k);
    tensors[k] = t;
    if (t.dtype !== 'float32') all32 = false;
  }
  const dtype: DType = all32 ? 'float32' : 'float64';
  if (!all32) for (let k = 0; k < n; k++) tensors[k] = toFloat64(tensors[k] as Tensor<FloatArray>);
  const entry = entryFor(subscripts, tensors, dtype);
  if (entry.kind === 'view') return viewOf(tensors[0] as Tensor<FloatArray>, entry);
  const { program, memory, outputLayout } = entry;
  for (let k = 0; k < n; k++) {
    const t = tensors[k] as Tensor<FloatArray>;
    memory.data[k] = t.data;
    memory.base[k] = t.offset;
  }
  const result = allocate(dtype, sizeOf(outputLayout.shape));
  memory.data[n] = result;
  try {
    runProgram(program, memory);
  } finally {
    releaseOperands(memory, n);
  }
  return contiguousTensor(result, outputLayout);
}

/** A cached evaluation: a program with its memory, or the recipe of a view. */
type Entry =
  | {
      readonly kind: 'program';
      readonly program: Program;
      readonly memory: Memory;
      readonly outputLayout: ContiguousLayout;
    }
  | {
      readonly kind: 'view';
      readonly shape: readonly number[];
      /** For each axis of the view, the operand axes whose strides add up to its stride. */
      readonly axes: readonly (readonly number[])[];
    };

/** An entry with the operand layouts and dtype it was made for, and when it was last used. */
interface Cached {
  readonly layout: readonly number[];
  readonly entry: Entry;
  used: number;
}

/**
 * Evaluations of recent einsum calls, by subscripts, then by operand layouts and dtype (compared as numbers,
 * so that a repeated call allocates no key): at most RECENT_LIMIT in all, the least recently used dropped.
 */
const recent = new Map<string, Cached[]>();
const RECENT_LIMIT = 64;
/** Programs whose intermediates exceed this many elements are not kept (their memory would stay allocated). */
const RECENT_SCRATCH_LIMIT = 1 << 20;
let recentCount = 0;
let clock = 0;

/** dtype, then per operand its rank, shape and strides: what a cached evaluation depends on besides subscripts. */
function layoutOf(tensors: readonly Tensor<FloatArray>[], dtype: DType): number[] {
  const layout = [dtype === 'float32' ? 1 : 0];
  for (const t of tensors) layout.push(t.shape.length, ...t.shape, ...t.strides);
  return layout;
}

function sameLayout(
  layout: readonly number[],
  tensors: readonly Tensor<FloatArray>[],
  dtype: DType,
): boolean {
  if (layout[0] !== (dtype === 'float32' ? 1 : 0)) return false;
  let p = 1;
  for (const t of tensors) {
    const { shape, strides } = t;
    if (layout[p++] !== shape.length) return false;
    for (let d = 0; d < shape.length; d++) if (layout[p++] !== shape[d]) return false;
    for (let d = 0; d < strides.length; d++) if (layout[p++] !== strides[d]) return false;
  }
  return p === layout.length;
}

/** The evaluation for these subscripts, operand layouts and dtype: planned once, then reused. */
function entryFor(subscripts: string, tensors: readonly Tensor<FloatArray>[], dtype: DType): Entry {
  const cached = typeof subscripts === 'string' ? recent.get(subscripts) : undefined;
  if (cached !== undefined) {
    for (const candidate of cached) {
      if (sameLayout(candidate.layout, tensors, dtype)) {
        candidate.used = ++clock;
        return candidate.entry;
      }
    }
  }
  const binding = bind(
    parse(subscripts),
    tensors.map((t) => t.shape),
  );
  const entry = viewEntry(binding) ?? programEntry(binding, tensors, dtype);
  const scratch = entry.kind === 'view' ? 0 : entry.program.scratchSizes.reduce((a, b) => a + b, 0);
  if (scratch <= RECENT_SCRATCH_LIMIT)
    remember(subscripts, { layout: layoutOf(tensors, dtype), entry, used: ++clock });
  return entry;
}

/** Keeps an evaluation, dropping the least recently used one when there are more than RECENT_LIMIT. */
function remember(subscripts: string, cached: Cached): void {
  const list = recent.get(subscripts);
  if (list === undefined) recent.set(subscripts, [cached]);
  else list.push(cached);
  if (++recentCount <= RECENT_LIMIT) return;
  let oldest: { key: string; index: number; used: number } | undefined;
  for (const [key, entries] of recent) {
    entries.forEach((entry, index) => {
      if (oldest === undefined || entry.used < oldest.used) oldest = { key, index, used: entry.used };
    });
  }
  if (oldest === undefined) return;
  const entries = recent.get(oldest.key) as Cached[];
  entries.splice(oldest.index, 1);
  if (entries.length === 0) recent.delete(oldest.key);
  recentCount--;
}

function programEntry(binding: Binding, tensors: readonly Tensor<FloatArray>[], dtype: DType): Entry {
  const program = buildProgram(
    planEinsum(binding),
    tensors.map((t) => t.strides),
  );
  return {
    kind: 'program',
    program,
    memory: createMemory(program, tensors.length, dtype),
    outputLayout: contiguousLayout(binding.outputShape),
  };
}

/**
 * The view recipe when the einsum has one operand and only permutes its axes or takes diagonals: every label
 * but those of size 1 reaches the output, and no output label repeats (that would write a diagonal into zeros).
 */
function viewEntry(binding: Binding): Entry | undefined {
  if (binding.inputs.length !== 1) return undefined;
  const input = binding.inputs[0] as string;
  const { output, sizes } = binding;
  if (new Set(output).size !== output.length) return undefined;
  // a label the output drops is summed: a view only when that sum has one term (size 1, not 0)
  if ([...input].some((label) => !output.includes(label) && sizes.get(label) !== 1)) return undefined;
  const axes = [...output].map((label) =>
    [...input].flatMap((inputLabel, axis) => (inputLabel === label ? [axis] : [])),
  );
  return { kind: 'view', shape: binding.outputShape, axes };
}

function viewOf(operand: Tensor<FloatArray>, entry: Extract<Entry, { kind: 'view' }>): Tensor<FloatArray> {
  const strides = entry.axes.map((axes) =>
    axes.reduce((sum, axis) => sum + (operand.strides[axis] as number), 0),
  );
  return operand.view(entry.shape, strides, operand.offset);
}

/**
 * Plans `subscripts` for operands of `shapes` without evaluating it (no program is built), and describes the
 * plan: the path in numpy's convention, naive and planned FLOPs, the largest intermediate, and a printable
 * table.
 *
 * @example
 * ```ts
 * const info = einsumPath('ij,jk,kl->il', [[64, 512], [512, 64], [64, 512]], { optimize: 'optimal' });
 * info.path;           // [[0, 1], [0, 1]]
 * console.log(String(info)); // a table like numpy.einsum_path's report
 * ```
 */
export function einsumPath(
  subscripts: string,
  shapes: readonly (readonly number[])[],
  options: PlanOptions = {},
): PathInfo {
  return planEinsum(bind(parse(subscripts), shapes), options).info;
}

/** Operand k as a Tensor; conversion errors name the operand. */
function asTensor(operand: EinsumOperand, k: number): Tensor<FloatArray> {
  if (operand instanceof Tensor) return operand as Tensor<FloatArray>;
  if (typeof operand !== 'number' && !Array.isArray(operand) && !ArrayBuffer.isView(operand)) {
    throw new EinsumError(
      'bad-operand',
      `operand ${k} must be a Tensor, a number, nested arrays or a typed array, got ${describe(operand)}`,
    );
  }
  try {
    return tensor(operand as TensorData) as Tensor<FloatArray>;
  } catch (error) {
    if (error instanceof EinsumError) throw new EinsumError(error.code, `operand ${k}: ${error.message}`);
    throw error;
  }
}

/** A float64 copy of a float32 tensor (numpy's promotion of mixed operands); float64 tensors as they are. */
function toFloat64(t: Tensor<FloatArray>): Tensor<FloatArray> {
  if (t.dtype === 'float64') return t;
  countCopy(t.size, 8);
  return tensor(t as unknown as TensorData, undefined, { dtype: 'float64' }) as Tensor<FloatArray>;
}
