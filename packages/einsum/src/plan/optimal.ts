// The optimal planner: an exhaustive depth-first search over pairwise contraction orders, branch-and-bound on cost.

import { greedyPlan } from './greedy.js';
import { contractAll, fitsMemory, type PlanProblem } from './planner.js';
import { afterStep, contractionStep, labelCounts } from './step.js';
import type { ContractionStep } from './types.js';

/** The search state: operand labels, the original operands each one covers, and the steps taken so far. */
interface Node {
  readonly operands: readonly string[];
  readonly covers: readonly string[];
  readonly cost: number;
  readonly steps: readonly ContractionStep[];
}

/**
 * Plans with the fewest total flops over every order of pairwise contractions (outer products included).
 * The greedy plan seeds the bound, so the result never costs more than greedy's (nor than the naive single
 * step, which greedy falls back to); a branch is cut as soon as its
 * cost reaches the best complete plan, or when the same set of intermediates was reached more cheaply before.
 * Pairs whose result exceeds the memory limit are skipped; where none fits, the remaining operands are
 * contracted in one step. Exponential in the operand count: meant for few operands ('auto' uses it up to 4).
 *
 * @example
 * ```ts
 * const sizes = new Map([['i', 64], ['j', 512], ['k', 64], ['l', 512]]);
 * optimalPlan({ inputs: ['ij', 'jk', 'kl'], output: 'il', sizes, memoryLimit: Infinity })
 *   .map((step) => step.operands); // [[0, 1], [0, 1]]
 * ```
 */
export function optimalPlan(problem: PlanProblem): ContractionStep[] {
  const { inputs, output, sizes, memoryLimit } = problem;
  if (inputs.length === 1) return [contractAll(inputs, output, sizes)];
  let best = greedyPlan(problem);
  let bestCost = totalFlops(best);
  const cheapest = new Map<string, number>();

  const search = (node: Node): void => {
    const { operands, covers, cost, steps } = node;
    if (operands.length === 1) {
      if (cost < bestCost) [best, bestCost] = [[...steps], cost];
      return;
    }
    const counts = labelCounts(operands);
    const candidates: ContractionStep[] = [];
    for (let i = 0; i < operands.length; i++) {
      for (let j = i + 1; j < operands.length; j++) {
        const step = contractionStep(operands, [i, j], output, sizes, counts);
        if (fitsMemory(step, operands.length, memoryLimit)) candidates.push(step);
      }
    }
    if (candidates.length === 0) {
      const last = contractAll(operands, output, sizes);
      if (cost + last.flops < bestCost) [best, bestCost] = [[...steps, last], cost + last.flops];
      return;
    }
    candidates.sort((a, b) => a.flops - b.flops);
    for (const step of candidates) {
      const reached = cost + step.flops;
      if (reached >= bestCost) break;
      const next = afterCovers(covers, step.operands);
      const key = [...next].sort().join('|');
      if ((cheapest.get(key) ?? Infinity) <= reached) continue;
      cheapest.set(key, reached);
      search({ operands: afterStep(operands, step), covers: next, cost: reached, steps: [...steps, step] });
    }
  };

  search({ operands: inputs, covers: inputs.map((_, position) => String(position)), cost: 0, steps: [] });
  return best;
}

/** The covers list after contracting `positions`: theirs removed, their union appended (as sorted ids). */
function afterCovers(covers: readonly string[], positions: readonly number[]): string[] {
  const merged = positions
    .flatMap((position) => (covers[position] ?? '').split(','))
    .sort((a, b) => Number(a) - Number(b))
    .join(',');
  const rest = covers.filter((_, position) => !positions.includes(position));
  rest.push(merged);
  return rest;
}

function totalFlops(steps: readonly ContractionStep[]): number {
  return steps.reduce((sum, step) => sum + step.flops, 0);
}
