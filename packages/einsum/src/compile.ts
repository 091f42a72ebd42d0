// compile: plan once, preallocate once, then evaluate an einsum many times with a few checks per call.

import { bind } from './bind.js';
import type { Float32Operand } from './einsum.js';
import { EinsumError } from './errors.js';
import type { Memory } from './exec/memory.js';
import { buildProgram } from './exec/program.js';
import { createMemory, runProgram } from './exec/run.js';
import { parse } from './parse.js';
import type { PathInfo, PlanOptions } from './plan/index.js';
import { planEinsum } from './plan/index.js';
import type { Arena } from './resident/arena.js';
import { countCopy } from './resident/heap.js';
import { describe, rowMajorStrides, sameShape, sizeOf } from './shape.js';
import { allocate, type DType, type FloatArray } from './tensor/dtype.js';
import { gatherPlan } from './tensor/gather.js';
import { contiguousLayout, contiguousTensor, Tensor } from './tensor/tensor.js';

/**
 * An operand of a compiled expression: a Tensor of the compiled shape (either dtype; resident tensors are
 * read in place by the kernels), or its row-major data as a Float64Array or a Float32Array.
 *
 * @example
 * ```ts
 * const operands: CompiledOperand[] = [tensor([[1, 2], [3, 4]]), new Float64Array([1, 0, 0, 1])];
 * ```
 */
export type CompiledOperand = Tensor<FloatArray> | Float64Array | Float32Array;

/**
 * Options of {@link compile}: the planner to use, an optional memory limit (elements per intermediate), and an
 * arena to hold the intermediates of a multi-step expression, so that over resident operands and a resident
 * output the kernels copy nothing at all (without it, intermediates are plain arrays that the kernels copy in
 * and out of their memory). Releasing that arena invalidates the expression.
 *
 * @example
 * ```ts
 * const options: CompileOptions = { optimize: 'greedy', memoryLimit: 1 << 20, arena: weights };
 * ```
 */
export interface CompileOptions extends PlanOptions {
  readonly arena?: Arena;
}

/**
 * A compiled einsum: call it with operands of the compiled shapes. It computes in float32 when every operand
 * is float32 and in float64 otherwise (a float32 operand beside float64 ones is converted into a staging
 * buffer); `into()`'s output must have that dtype.
 *
 * @example
 * ```ts
 * const outer: CompiledExpression = compile('i,j->ij', [[2], [3]]);
 * outer.outputShape; // [2, 3]
 * outer(new Float64Array([1, 2]), new Float64Array([1, 10, 100])).toArray(); // [[1, 10, 100], [2, 20, 200]]
 * outer(new Float32Array([1, 2]), new Float32Array([1, 10, 100])).dtype;    // 'float32'
 * ```
 */
export interface CompiledExpression {
  /** Evaluates into a new contiguous float32 tensor of `outputShape`. */
  (...operands: Float32Operand[]): Tensor<Float32Array>;
  /** Evaluates into a new contiguous float64 tensor of `outputShape`. */
  (...operands: (Tensor | Float64Array)[]): Tensor;
  /** Evaluates into a new contiguous tensor of `outputShape` (float32 when every operand is). */
  (...operands: CompiledOperand[]): Tensor<FloatArray>;
  /**
   * Evaluates into `out` (a contiguous tensor of `outputShape`, or a typed array of its size, of the dtype the
   * operands compute in) and returns it. With resident operands and a resident `out`, a call copies nothing.
   */
  into<T extends CompiledOperand>(out: T, ...operands: CompiledOperand[]): T;
  readonly subscripts: string;
  readonly shapes: readonly (readonly number[])[];
  readonly outputShape: readonly number[];
  /** The contraction plan (print it with `String(expr.info)`). */
  readonly info: PathInfo;
}

/** Per dtype: the program's memory, and per operand a staging buffer for operands that must be copied. */
interface Workspace {
  readonly memory: Memory;
  readonly staging: (FloatArray | undefined)[];
}

/**
 * Parses, binds and plans `subscripts` for operands of `shapes` once, preallocating every intermediate and
 * the kernels' staging space, and returns a function that evaluates it. Operands may be Tensors (resident
 * ones are read in place; non-contiguous views are copied into a staging buffer) or Float64Arrays /
 * Float32Arrays with the row-major data of the compiled shape; wrong shapes throw EinsumError
 * 'shape-mismatch'. Results are never views: the expression writes its own output (or `into()`'s).
 *
 * @example
 * ```ts
 * const matmul = compile('ij,jk->ik', [[2, 2], [2, 2]]);
 * matmul(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]])).toArray(); // [[19, 22], [43, 50]]
 * const out = tensor([[0, 0], [0, 0]]);
 * matmul.into(out, new Float64Array([1, 0, 0, 1]), new Float64Array([5, 6, 7, 8])); // out: [[5, 6], [7, 8]]
 * ```
 */
export function compile(
  subscripts: string,
  shapes: readonly (readonly number[])[],
  options: CompileOptions = {},
): CompiledExpression {
  const binding = bind(parse(subscripts), shapes);
  const plan = planEinsum(binding, options);
  const program = buildProgram(plan, binding.shapes.map(rowMajorStrides));
  const n = binding.inputs.length;
  const counts = binding.shapes.map(sizeOf);
  const outputShape = binding.outputShape;
  const outputCount = sizeOf(outputShape);
  const outputLayout = contiguousLayout(outputShape);
  const workspaces: Partial<Record<DType, Workspace>> = {};
  const workspace = (dtype: DType): Workspace => {
    let found = workspaces[dtype];
    if (found === undefined) {
      found = {
        memory: createMemory(program, n, dtype, options.arena),
        staging: new Array(n).fill(undefined),
      };
      workspaces[dtype] = found;
    }
    return found;
  };
  workspace('float64');

  /** The dtype the operands compute in (float32 only when all are); checks their count and kinds. */
  const dtypeOf = (operands: readonly unknown[]): DType => {
    if (operands.length !== n) {
      throw new EinsumError(
        'operand-count',
        `'${subscripts}' was compiled for ${n} operand${n === 1 ? '' : 's'} but got ${operands.length}`,
      );
    }
    let all32 = n > 0;
    for (let k = 0; k < n; k++) {
      const operand = operands[k];
      if (operand instanceof Float32Array) continue;
      if (operand instanceof Tensor) {
        if ((operand as Tensor<FloatArray>).dtype !== 'float32') all32 = false;
      } else if (operand instanceof Float64Array) all32 = false;
      else {
        throw new EinsumError(
          'bad-operand',
          `operand ${k} must be a Tensor, a Float64Array or a Float32Array, got ${describe(operand)}`,
        );
      }
    }
    return all32 ? 'float32' : 'float64';
  };

  const load = (operands: readonly CompiledOperand[], dtype: DType): Memory => {
    const { memory, staging } = workspace(dtype);
    const { data, base } = memory;
    const stagingFor = (k: number): FloatArray => {
      const buffer = staging[k] ?? allocate(dtype, counts[k] as number);
      staging[k] = buffer;
      return buffer;
    };
    for (let k = 0; k < n; k++) {
      const operand = operands[k] as CompiledOperand;
      const count = counts[k] as number;
      if (operand instanceof Tensor) {
        const t = operand as Tensor<FloatArray>;
        const shape = binding.shapes[k] as readonly number[];
        if (!sameShape(t.shape, shape)) throw shapeMismatch(subscripts, `operand ${k}`, t.shape, shape);
        if (t.isContiguous() && t.dtype === dtype) {
          data[k] = t.data;
          base[k] = t.offset;
        } else {
          const buffer = stagingFor(k);
          gatherPlan(t.shape, t.strides).run(t.data, t.offset, buffer, 0);
          countCopy(count, buffer.BYTES_PER_ELEMENT);
          data[k] = buffer;
          base[k] = 0;
        }
      } else {
        if (operand.length !== count)
          throw lengthMismatch(subscripts, k, operand, binding.shapes[k] as number[]);
        if (operand instanceof Float32Array && dtype === 'float64') {
          const buffer = stagingFor(k);
          buffer.set(operand);
          countCopy(count, buffer.BYTES_PER_ELEMENT);
          data[k] = buffer;
        } else data[k] = operand;
        base[k] = 0;
      }
    }
    return memory;
  };

  const expression = (...operands: CompiledOperand[]): Tensor<FloatArray> => {
    const dtype = dtypeOf(operands);
    const memory = load(operands, dtype);
    const result = allocate(dtype, outputCount);
    memory.data[n] = result;
    memory.base[n] = 0;
    runProgram(program, memory);
    return contiguousTensor(result, outputLayout);
  };
  const into = <T extends CompiledOperand>(out: T, ...operands: CompiledOperand[]): T => {
    const dtype = dtypeOf(operands);
    let target: FloatArray;
    let start = 0;
    if (out instanceof Float64Array || out instanceof Float32Array) {
      if (out.length !== outputCount) throw lengthMismatch(subscripts, -1, out, outputShape as number[]);
      target = out;
    } else if (out instanceof Tensor) {
      const t = out as Tensor<FloatArray>;
      if (!sameShape(t.shape, outputShape))
        throw shapeMismatch(subscripts, 'the output', t.shape, outputShape);
      if (!t.isContiguous())
        throw new EinsumError('shape-mismatch', 'the output tensor of into() must be contiguous');
      target = t.data;
      start = t.offset;
    } else {
      throw new EinsumError(
        'bad-operand',
        `the output must be a Tensor, a Float64Array or a Float32Array, got ${describe(out)}`,
      );
    }
    if ((target instanceof Float32Array ? 'float32' : 'float64') !== dtype) {
      throw new EinsumError(
        'bad-dtype',
        `the output of '${subscripts}' is ${dtype === 'float32' ? 'float64' : 'float32'} but its operands compute in ${dtype}: pass a ${dtype} output`,
      );
    }
    const memory = load(operands, dtype);
    memory.data[n] = target;
    memory.base[n] = start;
    runProgram(program, memory);
    return out;
  };
  return Object.assign(expression, {
    into,
    subscripts,
    shapes: binding.shapes,
    outputShape,
    info: program.info,
  }) as CompiledExpression;
}

function shapeMismatch(subscripts: string, what: string, got: readonly number[], want: readonly number[]) {
  return new EinsumError(
    'shape-mismatch',
    `${what} has shape [${got.join(', ')}] but '${subscripts}' was compiled for [${want.join(', ')}]`,
  );
}

function lengthMismatch(subscripts: string, k: number, array: FloatArray, want: readonly number[]) {
  const what = k < 0 ? 'the output' : `operand ${k}`;
  return new EinsumError(
    'shape-mismatch',
    `${what} is a ${array.constructor.name} of length ${array.length} but '${subscripts}' was compiled for shape [${want.join(', ')}] (${sizeOf(want)} elements)`,
  );
}
