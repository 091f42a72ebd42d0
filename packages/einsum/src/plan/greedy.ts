// The greedy planner (opt_einsum style): repeatedly contract the pair that shrinks the operands the most.

import { encodeProblem, type Mask, type MaskProblem, type MaskStep } from './masks.js';
import type { PlanProblem } from './planner.js';
import type { Path } from './types.js';

/** A chosen pair: its positions, what it yields, and the key it was ranked by (lexicographic, smallest first). */
interface Candidate {
  readonly positions: [number, number];
  readonly step: MaskStep;
  readonly rank: readonly number[];
}

/**
 * Plans by picking, at each step, among pairs that share a label, the one with the smallest
 * size(result) − size(a) − size(b); ties go to a pair that sums something, then to fewer flops, then to the
 * lowest positions, so the plan is deterministic. Outer products (pairs sharing nothing) are taken only when no
 * pair shares a label, smallest result first. Pairs whose result exceeds the memory limit are skipped; when none
 * fits, every remaining operand is contracted in one step. O(n³) pair evaluations for n operands.
 *
 * @example
 * ```ts
 * const sizes = new Map([['i', 64], ['j', 512], ['k', 64], ['l', 512]]);
 * greedyPlan({ inputs: ['ij', 'jk', 'kl'], output: 'il', sizes, memoryLimit: Infinity }); // [[0, 1], [0, 1]]
 * ```
 */
export function greedyPlan(problem: PlanProblem): Path {
  return greedySearch(encodeProblem(problem)).path;
}

/**
 * The greedy path of an encoded problem and its total flops (the optimal planner's first bound).
 *
 * @example
 * ```ts
 * greedySearch(encodeProblem(problem)); // { path: [[0, 1], [0, 1]], flops: 8388608 }
 * ```
 */
export function greedySearch(problem: MaskProblem): { path: number[][]; flops: number } {
  let operands = [...problem.operands];
  const path: number[][] = [];
  let flops = 0;
  if (operands.length === 1) return { path: [[0]], flops: problem.finalStep(operands).flops };
  while (operands.length > 1) {
    const best = bestPair(problem, operands, true) ?? bestPair(problem, operands, false);
    if (best === undefined) {
      path.push(operands.map((_, position) => position));
      flops += problem.finalStep(operands).flops;
      break;
    }
    const [i, j] = best.positions;
    path.push(best.positions);
    flops += best.step.flops;
    operands = operands.filter((_, position) => position !== i && position !== j);
    operands.push(best.step.result);
  }
  return { path, flops };
}

/** The best fitting pair among those that share a label (`sharing`) or among outer products (`!sharing`). */
function bestPair(problem: MaskProblem, operands: readonly Mask[], sharing: boolean): Candidate | undefined {
  const held = problem.multiplicity(operands);
  const sizes = operands.map((mask) => problem.sizeOf(mask));
  const final = operands.length === 2;
  let best: Candidate | undefined;
  for (let i = 0; i < operands.length; i++) {
    for (let j = i + 1; j < operands.length; j++) {
      const a = operands[i] ?? 0;
      const b = operands[j] ?? 0;
      if (problem.shares(a, b) !== sharing) continue;
      const step = problem.pairStep(a, b, held);
      if (step.size > problem.memoryLimit && !final) continue;
      const rank = sharing
        ? [step.size - (sizes[i] ?? 0) - (sizes[j] ?? 0), step.sums ? 0 : 1, step.flops]
        : [step.size, step.flops];
      if (best === undefined || before(rank, best.rank)) best = { positions: [i, j], step, rank };
    }
  }
  return best;
}

/** Lexicographic order of rank keys; equal keys keep the earlier (lower-position) pair. */
function before(rank: readonly number[], other: readonly number[]): boolean {
  for (let k = 0; k < rank.length; k++) {
    const difference = (rank[k] ?? 0) - (other[k] ?? 0);
    if (difference !== 0) return difference < 0;
  }
  return false;
}
