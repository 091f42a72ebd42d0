// The optimal planner: an exhaustive depth-first search over pairwise contraction orders, branch-and-bound on cost.

import { greedySearch } from './greedy.js';
import { encodeProblem, type Mask, type MaskProblem, type MaskStep } from './masks.js';
import type { PlanProblem } from './planner.js';
import type { Path } from './types.js';

/**
 * Plans with the fewest total flops over every order of pairwise contractions (outer products included).
 * The greedy plan seeds the bound, so the result never costs more than greedy's. A branch is cut as soon as
 * its cost reaches the best complete plan, or when the same operands (as label sets: what remains to be done
 * depends on nothing else) were reached as cheaply before. Pairs whose result exceeds the memory limit are
 * skipped; where none fits, the remaining operands are contracted in one step. Exponential in the operand
 * count: meant for few operands ('auto' uses it up to 4).
 *
 * @example
 * ```ts
 * const sizes = new Map([['i', 64], ['j', 512], ['k', 64], ['l', 512]]);
 * optimalPlan({ inputs: ['ij', 'jk', 'kl'], output: 'il', sizes, memoryLimit: Infinity }); // [[0, 1], [0, 1]]
 * ```
 */
export function optimalPlan(problem: PlanProblem): Path {
  return optimalSearch(encodeProblem(problem));
}

/**
 * The optimal path of an encoded problem (see {@link optimalPlan}).
 *
 * @example
 * ```ts
 * optimalSearch(encodeProblem(problem)); // [[0, 1], [0, 1]]
 * ```
 */
export function optimalSearch(encoded: MaskProblem): Path {
  if (encoded.operands.length === 1) return [[0]];
  const greedy = greedySearch(encoded);
  let bestPath: Path = greedy.path;
  let bestCost = greedy.flops;
  const cheapest = new Map<string, number>();

  const search = (operands: readonly Mask[], cost: number, path: number[][]): void => {
    if (operands.length === 1) {
      if (cost < bestCost) [bestPath, bestCost] = [[...path], cost];
      return;
    }
    const held = encoded.multiplicity(operands);
    const candidates: { readonly i: number; readonly j: number; readonly step: MaskStep }[] = [];
    for (let i = 0; i < operands.length; i++) {
      for (let j = i + 1; j < operands.length; j++) {
        const step = encoded.pairStep(operands[i] ?? 0, operands[j] ?? 0, held);
        if (step.size <= encoded.memoryLimit || operands.length === 2) candidates.push({ i, j, step });
      }
    }
    if (candidates.length === 0) {
      const reached = cost + encoded.finalStep(operands).flops;
      if (reached < bestCost) [bestPath, bestCost] = [[...path, operands.map((_, p) => p)], reached];
      return;
    }
    candidates.sort((x, y) => x.step.flops - y.step.flops);
    for (const { i, j, step } of candidates) {
      const reached = cost + step.flops;
      if (reached >= bestCost) break;
      const next = operands.filter((_, position) => position !== i && position !== j);
      next.push(step.result);
      if (next.length > 2) {
        // two operands left have one way on: remembering them would cost more than it saves
        const key = next.map(String).sort().join(',');
        if ((cheapest.get(key) ?? Infinity) <= reached) continue;
        cheapest.set(key, reached);
      }
      path.push([i, j]);
      search(next, reached, path);
      path.pop();
    }
  };

  search(encoded.operands, 0, []);
  return bestPath;
}
