// compile: plan once, preallocate once, then evaluate an einsum many times with a few checks per call.

import { bind } from './bind.js';
import { EinsumError } from './errors.js';
import { buildProgram } from './exec/program.js';
import { createMemory, runProgram } from './exec/run.js';
import { gather } from './gather.js';
import { parse } from './parse.js';
import type { PathInfo, PlanOptions } from './plan/index.js';
import { planEinsum } from './plan/index.js';
import { describe, rowMajorStrides, sameShape, sizeOf } from './shape.js';
import { contiguousLayout, contiguousTensor, Tensor } from './tensor.js';

/**
 * An operand of a compiled expression: a Tensor of the compiled shape, or its row-major data.
 *
 * @example
 * ```ts
 * const operands: CompiledOperand[] = [tensor([[1, 2], [3, 4]]), new Float64Array([1, 0, 0, 1])];
 * ```
 */
export type CompiledOperand = Tensor | Float64Array;

/**
 * Options of {@link compile} and {@link einsumPath}: the planner to use and an optional memory limit.
 *
 * @example
 * ```ts
 * const options: CompileOptions = { optimize: 'greedy', memoryLimit: 1 << 20 };
 * ```
 */
export type CompileOptions = PlanOptions;

/**
 * A compiled einsum: call it with operands of the compiled shapes.
 *
 * @example
 * ```ts
 * const outer: CompiledExpression = compile('i,j->ij', [[2], [3]]);
 * outer.outputShape; // [2, 3]
 * outer(new Float64Array([1, 2]), new Float64Array([1, 10, 100])).toArray(); // [[1, 10, 100], [2, 20, 200]]
 * ```
 */
export interface CompiledExpression {
  /** Evaluates into a new contiguous tensor of `outputShape`. */
  (...operands: CompiledOperand[]): Tensor;
  /** Evaluates into `out` (a contiguous tensor of `outputShape`, or a Float64Array of its size) and returns it. */
  into<T extends CompiledOperand>(out: T, ...operands: CompiledOperand[]): T;
  readonly subscripts: string;
  readonly shapes: readonly (readonly number[])[];
  readonly outputShape: readonly number[];
  /** The contraction plan (print it with `String(expr.info)`). */
  readonly info: PathInfo;
}

/**
 * Parses, binds and plans `subscripts` for operands of `shapes` once, preallocating every intermediate, and
 * returns a function that evaluates it. Operands may be Tensors (views are copied into a staging buffer) or
 * Float64Arrays with the row-major data of the compiled shape; wrong shapes throw EinsumError 'shape-mismatch'.
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
  const memory = createMemory(program, n);
  const counts = binding.shapes.map(sizeOf);
  const outputShape = binding.outputShape;
  const outputCount = sizeOf(outputShape);
  const outputLayout = contiguousLayout(outputShape);
  const staging: (Float64Array | undefined)[] = new Array(n).fill(undefined);
  const { data, base } = memory;

  const load = (operands: readonly unknown[], first: number): void => {
    if (operands.length - first !== n) {
      throw new EinsumError(
        'operand-count',
        `'${subscripts}' was compiled for ${n} operand${n === 1 ? '' : 's'} but got ${operands.length - first}`,
      );
    }
    for (let k = 0; k < n; k++) {
      const operand = operands[first + k];
      if (operand instanceof Float64Array) {
        if (operand.length !== counts[k])
          throw lengthMismatch(subscripts, k, operand.length, binding.shapes[k] as number[]);
        data[k] = operand;
        base[k] = 0;
      } else if (operand instanceof Tensor) {
        const shape = binding.shapes[k] as readonly number[];
        if (!sameShape(operand.shape, shape))
          throw shapeMismatch(subscripts, `operand ${k}`, operand.shape, shape);
        if (operand.isContiguous()) {
          data[k] = operand.data;
          base[k] = operand.offset;
        } else {
          const buffer = staging[k] ?? new Float64Array(counts[k] as number);
          staging[k] = buffer;
          gather(operand.data, operand.offset, operand.shape, operand.strides, buffer);
          data[k] = buffer;
          base[k] = 0;
        }
      } else {
        throw new EinsumError(
          'bad-operand',
          `operand ${k} must be a Tensor or a Float64Array, got ${describe(operand)}`,
        );
      }
    }
  };

  const expression = (...operands: CompiledOperand[]): Tensor => {
    load(operands, 0);
    const result = new Float64Array(outputCount);
    data[n] = result;
    base[n] = 0;
    runProgram(program, memory);
    return contiguousTensor(result, outputLayout);
  };
  const into = <T extends CompiledOperand>(out: T, ...operands: CompiledOperand[]): T => {
    if (out instanceof Float64Array) {
      if (out.length !== outputCount)
        throw lengthMismatch(subscripts, -1, out.length, outputShape as number[]);
      data[n] = out;
      base[n] = 0;
    } else if (out instanceof Tensor) {
      if (!sameShape(out.shape, outputShape))
        throw shapeMismatch(subscripts, 'the output', out.shape, outputShape);
      if (!out.isContiguous())
        throw new EinsumError('shape-mismatch', 'the output tensor of into() must be contiguous');
      data[n] = out.data;
      base[n] = out.offset;
    } else {
      throw new EinsumError(
        'bad-operand',
        `the output must be a Tensor or a Float64Array, got ${describe(out)}`,
      );
    }
    load(operands, 0);
    runProgram(program, memory);
    return out;
  };
  return Object.assign(expression, {
    into,
    subscripts,
    shapes: binding.shapes,
    outputShape,
    info: program.info,
  });
}

function shapeMismatch(subscripts: string, what: string, got: readonly number[], want: readonly number[]) {
  return new EinsumError(
    'shape-mismatch',
    `${what} has shape [${got.join(', ')}] but '${subscripts}' was compiled for [${want.join(', ')}]`,
  );
}

function lengthMismatch(subscripts: string, k: number, length: number, want: readonly number[]) {
  const what = k < 0 ? 'the output' : `operand ${k}`;
  return new EinsumError(
    'shape-mismatch',
    `${what} is a Float64Array of length ${length} but '${subscripts}' was compiled for shape [${want.join(', ')}] (${sizeOf(want)} elements)`,
  );
}
