// planEinsum: a bound einsum → the plan the executor runs: what the planner saw, its steps and its report.

import type { Binding } from '../bind.js';
import { distinctLabels } from './cost.js';
import { describePlan, type PathInfo } from './path-info.js';
import { planContraction } from './plan.js';
import type { ContractionStep, PlanOptions } from './types.js';

/**
 * The plan of a bound einsum, made from labels and sizes alone. `inputs` are the operands as the planner sees
 * them: each operand's distinct labels, without the size-1 dimensions it broadcasts and, when there are
 * several operands, without the labels only it holds and the output lacks (the executor sums those away
 * first). `steps` contract `inputs` into `output` (the distinct output labels); `info` describes them.
 *
 * @example
 * ```ts
 * const plan = planEinsum(bind(parse('ij,jk,kl->il'), [[64, 512], [512, 64], [64, 512]]));
 * plan.inputs; // ['ij', 'jk', 'kl']
 * plan.steps.map((step) => `${step.inputs}->${step.result}`); // ['ij,jk->ik', 'kl,ik->il']
 * String(plan.info); // the report, as einsumPath prints it
 * ```
 */
export interface EinsumPlan {
  readonly binding: Binding;
  readonly inputs: readonly string[];
  readonly output: string;
  readonly steps: readonly ContractionStep[];
  readonly info: PathInfo;
}

/**
 * Plans a bound einsum (see {@link EinsumPlan}); `options` choose the planner and cap the intermediates.
 *
 * @example
 * ```ts
 * planEinsum(bind(parse('iij,jk'), [[3, 3, 4], [4, 5]])).inputs; // ['ij', 'jk']: the diagonal is a view
 * planEinsum(bind(parse('ij,j->i'), [[3, 1], [4]])).inputs;      // ['i', 'j']: 'j' broadcast in operand 0
 * ```
 */
export function planEinsum(binding: Binding, options: PlanOptions = {}): EinsumPlan {
  const output = distinctLabels([binding.output]);
  const own = binding.inputs.map((labels, k) =>
    ownLabels(labels, binding.shapes[k] as readonly number[], binding.sizes),
  );
  const inputs =
    own.length === 1
      ? own
      : own.map((labels, k) =>
          [...labels]
            .filter(
              (label) => output.includes(label) || own.some((other, j) => j !== k && other.includes(label)),
            )
            .join(''),
        );
  const steps = planContraction(inputs, output, binding.sizes, options);
  const info = describePlan(binding.equation.subscripts, inputs, output, binding.sizes, steps);
  return { binding, inputs, output, steps, info };
}

/** An operand's distinct labels, less the size-1 dimensions that broadcast against a larger size. */
function ownLabels(labels: string, shape: readonly number[], sizes: ReadonlyMap<string, number>): string {
  let own = '';
  for (let d = 0; d < labels.length; d++) {
    const label = labels[d] as string;
    if (shape[d] === 1 && sizes.get(label) !== 1) continue;
    if (!own.includes(label)) own += label;
  }
  return own;
}
