// The registry of named planners, and 'auto's choice between them.

import { EinsumError } from '../errors.js';
import { greedyPlan } from './greedy.js';
import { optimalPlan } from './optimal.js';
import type { Planner } from './planner.js';

/**
 * 'auto' plans optimally up to this many operands and greedily beyond. The exhaustive search visits up to
 * ∏ C(k, 2) pairwise orders (18 for four operands, 180 for five, 56 700 for seven), and an uncompiled einsum
 * plans on every call, so four keeps planning in the microseconds while covering the chains and small networks
 * where greedy can miss; opt_einsum's 'auto' makes the same cut.
 */
const OPTIMAL_UP_TO = 4;

const PLANNERS: Readonly<Record<string, Planner>> = {
  optimal: optimalPlan,
  greedy: greedyPlan,
};

/**
 * Every name `optimize` accepts.
 *
 * @example
 * ```ts
 * PLANNER_NAMES; // ['auto', 'optimal', 'greedy']
 * ```
 */
export const PLANNER_NAMES: readonly string[] = ['auto', ...Object.keys(PLANNERS)];

/**
 * The planner a name stands for; 'auto' resolves by operand count.
 *
 * @throws EinsumError code 'bad-optimize' listing the valid names.
 * @example
 * ```ts
 * plannerNamed('auto', 3) === plannerNamed('optimal', 3); // true
 * ```
 */
export function plannerNamed(name: string, operandCount: number): Planner {
  const resolved = name === 'auto' ? (operandCount <= OPTIMAL_UP_TO ? 'optimal' : 'greedy') : name;
  const planner = Object.hasOwn(PLANNERS, resolved) ? PLANNERS[resolved] : undefined;
  if (planner === undefined) throw unknownOptimize(name);
  return planner;
}

/**
 * The error for an `optimize` value that is neither a planner name nor a path: it lists the valid choices.
 *
 * @example
 * ```ts
 * unknownOptimize('dp').message;
 * // `unknown optimize option "dp": use one of 'auto', 'optimal', 'greedy' or an explicit path such as [[0, 1], [0, 1]]`
 * ```
 */
export function unknownOptimize(value: unknown): EinsumError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new EinsumError(
    'bad-optimize',
    `unknown optimize option ${shown}: use one of ${PLANNER_NAMES.map((valid) => `'${valid}'`).join(', ')} or an explicit path such as [[0, 1], [0, 1]]`,
  );
}
