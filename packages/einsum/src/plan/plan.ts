// planContraction: checks the options and the labels, then hands the problem to the chosen planner.

import { EinsumError } from '../errors.js';
import { pathPlan } from './explicit.js';
import { contractAll, noWorseThanNaive } from './planner.js';
import { plannerNamed, unknownOptimize } from './registry.js';
import { stepsAlong } from './step.js';
import type { ContractionStep, PlanOptions } from './types.js';

/**
 * Plans the contraction of operands with these labels into `output`, from labels and sizes alone. Operands
 * have distinct labels each and `output` has distinct labels (the executor takes diagonals and sums labels
 * private to one operand beforehand). Each step's result is appended to the operand list; the last step's
 * result equals `output` exactly. One operand gives one step, [0]. A named planner's plan never costs more
 * than the naive single step (it is replaced by that step if it would).
 *
 * @throws EinsumError 'bad-optimize' for an unknown planner name or a memory limit that is not a non-negative
 * number, 'bad-path' for an invalid explicit path, 'operand-count' for no operands, 'unknown-output-label' or
 * 'bad-shape' when a label has no size.
 * @example
 * ```ts
 * const sizes = new Map([['i', 64], ['j', 512], ['k', 64], ['l', 512]]);
 * planContraction(['ij', 'jk', 'kl'], 'il', sizes).map((step) => `${step.inputs}->${step.result}`);
 * // ['ij,jk->ik', 'kl,ik->il']
 * ```
 */
export function planContraction(
  inputs: readonly string[],
  output: string,
  sizes: ReadonlyMap<string, number>,
  options: PlanOptions = {},
): readonly ContractionStep[] {
  checkLabels(inputs, output, sizes);
  const optimize = options.optimize ?? 'auto';
  const memoryLimit = options.memoryLimit ?? Infinity;
  if (typeof memoryLimit !== 'number' || !(memoryLimit >= 0)) {
    throw new EinsumError(
      'bad-optimize',
      `memoryLimit must be a non-negative number of elements (or Infinity), got ${String(memoryLimit)}`,
    );
  }
  if (Array.isArray(optimize)) return pathPlan(inputs, output, sizes, optimize);
  if (typeof optimize !== 'string') throw unknownOptimize(optimize);
  const planner = plannerNamed(optimize, inputs.length);
  // one or two operands have a single plan: skip the search (einsum plans on every uncompiled call)
  if (inputs.length <= 2) return [contractAll(inputs, output, sizes)];
  const path = planner({ inputs, output, sizes, memoryLimit });
  return noWorseThanNaive(stepsAlong(inputs, output, sizes, path), inputs, output, sizes);
}

/** Every operand and output label must have a size; every output label must come from an operand. */
function checkLabels(inputs: readonly string[], output: string, sizes: ReadonlyMap<string, number>): void {
  if (inputs.length === 0) {
    throw new EinsumError('operand-count', 'a contraction needs at least one operand, got none');
  }
  inputs.forEach((labels, operand) => {
    for (const label of labels) {
      const size = sizes.get(label);
      if (size === undefined || !Number.isInteger(size) || size < 0) {
        throw new EinsumError(
          'bad-shape',
          `label '${label}' of operand ${operand} ('${labels}') has no size (a non-negative integer), got ${String(size)}`,
        );
      }
    }
  });
  for (const label of output) {
    if (!inputs.some((labels) => labels.includes(label))) {
      throw new EinsumError('unknown-output-label', `output label '${label}' appears in no operand`);
    }
  }
}
