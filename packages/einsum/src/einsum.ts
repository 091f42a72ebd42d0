// einsum and einsumPath: one-shot evaluation and planning, through the same executor as compile.

import { bind } from './bind.js';
import type { CompileOptions } from './compile.js';
import { EinsumError } from './errors.js';
import type { Memory } from './exec/memory.js';
import type { Program } from './exec/program.js';
import { buildProgram } from './exec/program.js';
import { createMemory, releaseOperands, runProgram } from './exec/run.js';
import type { TensorData } from './from-data.js';
import { tensor } from './from-data.js';
import { parse } from './parse.js';
import type { PathInfo } from './plan/index.js';
import { planEinsum } from './plan/index.js';
import { describe, sizeOf } from './shape.js';
import type { ContiguousLayout } from './tensor.js';
import { contiguousLayout, contiguousTensor, Tensor } from './tensor.js';

/**
 * An operand of {@link einsum}: a Tensor (views are read in place), a number (0-d), nested arrays or a typed
 * array (1-d).
 *
 * @example
 * ```ts
 * const operands: EinsumOperand[] = [tensor([1, 2]), 3, [[1, 2], [3, 4]], new Float64Array([1, 2])];
 * ```
 */
export type EinsumOperand = Tensor | TensorData;

/**
 * Evaluates an einsum as numpy.einsum does (explicit or implicit output, '...', repeated labels, any number
 * of operands), planning the order of pairwise contractions automatically. A label may also repeat in the
 * output ('i->ii' writes a diagonal). Returns a new contiguous tensor; a 0-d result has shape [].
 *
 * @example
 * ```ts
 * einsum('ij,jk->ik', [[1, 2], [3, 4]], [[5, 6], [7, 8]]).toArray(); // [[19, 22], [43, 50]]
 * einsum('ii', [[1, 2], [3, 4]]).toArray();                          // 5
 * einsum('i->ii', [1, 2]).toArray();                                 // [[1, 0], [0, 2]]
 * ```
 */
export function einsum(subscripts: string, ...operands: EinsumOperand[]): Tensor {
  const tensors = operands.map(asTensor);
  const { program, memory, outputLayout } = programFor(subscripts, tensors);
  tensors.forEach((t, k) => {
    memory.data[k] = t.data;
    memory.base[k] = t.offset;
  });
  const result = new Float64Array(sizeOf(outputLayout.shape));
  memory.data[tensors.length] = result;
  try {
    runProgram(program, memory);
  } finally {
    releaseOperands(memory, tensors.length);
  }
  return contiguousTensor(result, outputLayout);
}

interface CachedProgram {
  readonly program: Program;
  readonly memory: Memory;
  readonly outputLayout: ContiguousLayout;
}

/** Programs of recent einsum calls by subscripts and operand layouts, most recently used last. */
const recent = new Map<string, CachedProgram>();
const RECENT_LIMIT = 64;
/** Programs whose intermediates exceed this many elements are not kept (their memory would stay allocated). */
const RECENT_SCRATCH_LIMIT = 1 << 20;

/** The program for these subscripts and operand layouts: planned once, then reused (an LRU of 64). */
function programFor(subscripts: string, tensors: readonly Tensor[]): CachedProgram {
  let key = typeof subscripts === 'string' ? subscripts : '';
  for (const t of tensors) key += `|${t.shape.join(',')}:${t.strides.join(',')}`;
  const hit = typeof subscripts === 'string' ? recent.get(key) : undefined;
  if (hit !== undefined) {
    recent.delete(key);
    recent.set(key, hit);
    return hit;
  }
  const binding = bind(
    parse(subscripts),
    tensors.map((t) => t.shape),
  );
  const plan = planEinsum(binding);
  const program = buildProgram(
    plan,
    tensors.map((t) => t.strides),
  );
  const memory = createMemory(program, tensors.length);
  const entry = { program, memory, outputLayout: contiguousLayout(binding.outputShape) };
  if (program.scratchSizes.reduce((total, size) => total + size, 0) <= RECENT_SCRATCH_LIMIT)
    recent.set(key, entry);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  return entry;
}

/**
 * Plans `subscripts` for operands of `shapes` without evaluating it, and describes the plan: the path in
 * numpy's convention, naive and planned FLOPs, the largest intermediate, and a printable table.
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
  options: CompileOptions = {},
): PathInfo {
  return planEinsum(bind(parse(subscripts), shapes), options).info;
}

/** Operand k as a Tensor; conversion errors name the operand. */
function asTensor(operand: EinsumOperand, k: number): Tensor {
  if (operand instanceof Tensor) return operand;
  if (typeof operand !== 'number' && !Array.isArray(operand) && !ArrayBuffer.isView(operand)) {
    throw new EinsumError(
      'bad-operand',
      `operand ${k} must be a Tensor, a number, nested arrays or a typed array, got ${describe(operand)}`,
    );
  }
  try {
    return tensor(operand as TensorData);
  } catch (error) {
    if (error instanceof EinsumError) throw new EinsumError(error.code, `operand ${k}: ${error.message}`);
    throw error;
  }
}
