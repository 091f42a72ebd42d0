// One contraction step: which labels survive it, which are summed, what it costs, and the operand list after it.

import { distinctLabels, flopCount, sizeOf } from './cost.js';
import type { ContractionStep } from './types.js';

/**
 * How many operands of the list hold each label (a label repeated inside one operand counts once).
 *
 * @example
 * ```ts
 * labelCounts(['ij', 'jk', 'kl']); // Map { i → 1, j → 2, k → 2, l → 1 }
 * ```
 */
export function labelCounts(operands: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const operand of operands) {
    for (const label of new Set(operand)) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

/**
 * The step that contracts the operands at `positions` of the current list. A label survives when the output
 * or an operand outside the step still needs it; the others are summed. Intermediate results keep their labels
 * in order of first appearance in the step's inputs (taken in ascending position order), so a matrix-product
 * step 'ij,jk' yields 'ik'; the step that consumes every remaining operand yields `output` exactly.
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
  counts: ReadonlyMap<string, number> = labelCounts(operands),
): ContractionStep {
  const ordered = [...positions].sort((a, b) => a - b);
  const inputs = ordered.map((position) => operands[position] ?? '');
  const involved = distinctLabels(inputs);
  let result: string;
  if (ordered.length === operands.length) {
    result = output;
  } else {
    const inStep = labelCounts(inputs);
    const kept = [...involved].filter(
      (label) => output.includes(label) || (counts.get(label) ?? 0) > (inStep.get(label) ?? 0),
    );
    result = kept.join('');
  }
  const summed = [...involved].filter((label) => !result.includes(label)).join('');
  return {
    operands: ordered,
    inputs,
    result,
    summed,
    flops: flopCount(involved, summed.length > 0, inputs.length, sizes),
    size: sizeOf(result, sizes),
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
  const consumed = new Set(step.operands);
  const rest = operands.filter((_, position) => !consumed.has(position));
  rest.push(step.result);
  return rest;
}
