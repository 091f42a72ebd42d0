// The one signature every planner shares, the memory-limit rule they obey, and the guard against the naive loop.

import { contractionStep } from './step.js';
import type { ContractionStep, Path } from './types.js';

/**
 * What a planner is given: operand labels (distinct within each operand), the output labels, every label's
 * size, and the largest intermediate allowed (elements; `Infinity` for none).
 *
 * @example
 * ```ts
 * const problem: PlanProblem = {
 *   inputs: ['ij', 'jk'], output: 'ik', sizes: new Map([['i', 2], ['j', 3], ['k', 4]]), memoryLimit: Infinity,
 * };
 * ```
 */
export interface PlanProblem {
  readonly inputs: readonly string[];
  readonly output: string;
  readonly sizes: ReadonlyMap<string, number>;
  readonly memoryLimit: number;
}

/**
 * A planner turns a problem into a complete path (numpy's convention). No intermediate may exceed the memory
 * limit (the final output is exempt: it must exist anyway); where no pairwise step fits, a planner contracts
 * every remaining operand in one step, as numpy does.
 *
 * @example
 * ```ts
 * const allAtOnce: Planner = ({ inputs }) => [inputs.map((_, position) => position)];
 * ```
 */
export type Planner = (problem: PlanProblem) => Path;

/**
 * The step that contracts every remaining operand at once, yielding the output.
 *
 * @example
 * ```ts
 * contractAll(['ij', 'jk'], 'ik', new Map([['i', 2], ['j', 3], ['k', 4]])).summed; // 'j'
 * ```
 */
export function contractAll(
  operands: readonly string[],
  output: string,
  sizes: ReadonlyMap<string, number>,
): ContractionStep {
  return contractionStep(
    operands,
    operands.map((_, position) => position),
    output,
    sizes,
  );
}

/**
 * The planned steps, unless the single step that contracts everything at once (the naive loop) costs fewer
 * flops: with dimensions of size 1 a pairwise order can cost more than the naive loop (all sizes 1 in
 * 'ax,xb,ab->' give 4 against 3), and a plan should never be worse than no planning.
 *
 * @example
 * ```ts
 * const sizes = new Map([['a', 1], ['b', 1], ['x', 1]]);
 * const pairwise = pathPlan(['ax', 'xb', 'ab'], '', sizes, [[0, 1], [0, 1]]); // 4 flops
 * noWorseThanNaive(pairwise, ['ax', 'xb', 'ab'], '', sizes); // [contractAll(['ax', 'xb', 'ab'], '', sizes)]
 * ```
 */
export function noWorseThanNaive(
  steps: readonly ContractionStep[],
  inputs: readonly string[],
  output: string,
  sizes: ReadonlyMap<string, number>,
): readonly ContractionStep[] {
  const single = contractAll(inputs, output, sizes);
  const total = steps.reduce((sum, step) => sum + step.flops, 0);
  return total <= single.flops ? steps : [single];
}
