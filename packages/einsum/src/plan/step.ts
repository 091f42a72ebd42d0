// One contraction step: which labels survive it, which are summed, what it costs, and the operand list after it.

import { flopCount, labelCount } from './cost.js';
import type { ContractionStep, Path } from './types.js';

/**
 * The step that contracts the operands at `positions` of the current list. A label survives when the output
 * or an operand outside the step still needs it; the others are summed. Intermediate results keep their labels
 * in order of first appearance in the step's inputs (taken in ascending position order), so a matrix-product
 * step 'ij,jk' yields 'ik' (the free labels of the first operand, then those of the second: the layout a
 * matrix product writes); the step that consumes every remaining operand yields `output` exactly.
 *
 * @example
 * ```ts
 * const sizes = new Map([['i', 2], ['j', 3], ['k', 4], ['l', 5]]);
 * contractionStep(['ij', 'jk', 'kl'], [0, 1], 'il', sizes);
 * // { operands: [0, 1], inputs: ['ij', 'jk'], result: 'ik', summed: 'j', flops: 48, size: 8 }
 * ```
 */
export function contractionStep(
  operands: readonly string[],
  positions: readonly number[],
  output: string,
  sizes: ReadonlyMap<string, number>,
): ContractionStep {
  const ordered = [...positions].sort((a, b) => a - b);
  const inputs = ordered.map((position) => operands[position] ?? '');
  let involved = '';
  for (const term of inputs) for (const label of term) if (!involved.includes(label)) involved += label;
  let result = output;
  if (ordered.length < operands.length) {
    const others = operands.filter((_, position) => !ordered.includes(position));
    result = '';
    for (const label of involved) {
      if (output.includes(label) || others.some((term) => term.includes(label))) result += label;
    }
  }
  let summed = '';
  for (const label of involved) if (!result.includes(label)) summed += label;
  return {
    operands: ordered,
    inputs,
    result,
    summed,
    flops: flopCount(involved, summed.length > 0, inputs.length, sizes),
    size: labelCount(result, sizes),
  };
}

/**
 * The operand list after a step: its operands removed, its result appended at the end.
 *
 * @example
 * ```ts
 * afterStep(['ij', 'jk', 'kl'], { operands: [0, 1], result: 'ik' }); // ['kl', 'ik']
 * ```
 */
export function afterStep(
  operands: readonly string[],
  step: Pick<ContractionStep, 'operands' | 'result'>,
): string[] {
  const rest = operands.filter((_, position) => !step.operands.includes(position));
  rest.push(step.result);
  return rest;
}

/**
 * The steps along a path that is known to be valid (a planner's own); caller-given paths go through
 * `pathPlan` (explicit.ts), which checks each entry first.
 *
 * @example
 * ```ts
 * const sizes = new Map([['i', 2], ['j', 3], ['k', 4], ['l', 5]]);
 * stepsAlong(['ij', 'jk', 'kl'], 'il', sizes, [[0, 1], [0, 1]]).map((step) => step.result); // ['ik', 'il']
 * ```
 */
export function stepsAlong(
  inputs: readonly string[],
  output: string,
  sizes: ReadonlyMap<string, number>,
  path: Path,
): ContractionStep[] {
  let operands: readonly string[] = inputs;
  return path.map((positions) => {
    const step = contractionStep(operands, positions, output, sizes);
    operands = afterStep(operands, step);
    return step;
  });
}
