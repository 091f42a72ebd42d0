// The one signature every planner shares, and the memory-limit rule they all obey.

import { contractionStep } from './step.js';
import type { ContractionStep } from './types.js';

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
 * A planner turns a problem into contraction steps whose last result is the output.
 *
 * @example
 * ```ts
 * const single: Planner = ({ inputs, output, sizes }) => [contractAll(inputs, output, sizes)];
 * ```
 */
export type Planner = (problem: PlanProblem) => ContractionStep[];

/**
 * Whether a step respects the memory limit: its result fits, or it is the final step (the output must exist
 * whatever the limit).
 *
 * @example
 * ```ts
 * fitsMemory({ operands: [0, 1], size: 64 }, 3, 32); // false
 * ```
 */
export function fitsMemory(
  step: Pick<ContractionStep, 'operands' | 'size'>,
  operandCount: number,
  memoryLimit: number,
): boolean {
  return step.size <= memoryLimit || step.operands.length === operandCount;
}

/**
 * The step that contracts every remaining operand at once, yielding the output: what a planner falls back to
 * when no pairwise step fits the memory limit (numpy's behaviour), and the whole plan of a single operand.
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
 * The pairwise plan, unless the single step that contracts everything at once (the naive loop) costs fewer
 * flops: with dimensions of size 1 a pairwise order can cost more than the naive loop (all sizes 1 in
 * 'ax,xb,ab->' give 4 against 3), and a plan should never be worse than no planning.
 *
 * @example
 * ```ts
 * const sizes = new Map([['a', 1], ['b', 1], ['x', 1]]);
 * const problem = { inputs: ['ax', 'xb', 'ab'], output: '', sizes, memoryLimit: Infinity };
 * noWorseThanNaive(greedySteps, problem); // [contractAll(['ax', 'xb', 'ab'], '', sizes)]
 * ```
 */
export function noWorseThanNaive(steps: ContractionStep[], problem: PlanProblem): ContractionStep[] {
  const single = contractAll(problem.inputs, problem.output, problem.sizes);
  const total = steps.reduce((sum, step) => sum + step.flops, 0);
  return total <= single.flops ? steps : [single];
}
