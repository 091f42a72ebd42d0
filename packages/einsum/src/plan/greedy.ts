// The greedy planner (opt_einsum style): repeatedly contract the pair that shrinks the operands the most.

import { sizeOf } from './cost.js';
import { contractAll, fitsMemory, noWorseThanNaive, type PlanProblem } from './planner.js';
import { afterStep, contractionStep, labelCounts } from './step.js';
import type { ContractionStep } from './types.js';

/** A candidate pair and the key it is ranked by (lexicographic, smallest first). */
interface Candidate {
  readonly step: ContractionStep;
  readonly rank: readonly number[];
}

/**
 * Plans by picking, at each step, among pairs that share a label, the one with the smallest
 * size(result) − size(a) − size(b); ties go to a pair that sums something, then to fewer flops, then to the
 * lowest positions, so the plan is deterministic. Outer products (pairs sharing nothing) are taken only when no
 * pair shares a label, smallest result first. Pairs whose result exceeds the memory limit are skipped; when none
 * fits, every remaining operand is contracted in one step. A plan costing more than the single naive step is
 * replaced by it. O(n³) pair evaluations for n operands.
 *
 * @example
 * ```ts
 * const sizes = new Map([['i', 64], ['j', 512], ['k', 64], ['l', 512]]);
 * greedyPlan({ inputs: ['ij', 'jk', 'kl'], output: 'il', sizes, memoryLimit: Infinity })
 *   .map((step) => step.operands); // [[0, 1], [0, 1]]
 * ```
 */
export function greedyPlan(problem: PlanProblem): ContractionStep[] {
  const { output, sizes } = problem;
  let operands = [...problem.inputs];
  const steps: ContractionStep[] = [];
  if (operands.length === 1) return [contractAll(operands, output, sizes)];
  while (operands.length > 1) {
    const step = bestPair(operands, problem, true) ?? bestPair(operands, problem, false);
    if (step === undefined) {
      steps.push(contractAll(operands, output, sizes));
      break;
    }
    steps.push(step);
    operands = afterStep(operands, step);
  }
  return noWorseThanNaive(steps, problem);
}

/** The best fitting pair among those that share a label (`sharing`) or among outer products (`!sharing`). */
function bestPair(
  operands: readonly string[],
  { output, sizes, memoryLimit }: PlanProblem,
  sharing: boolean,
): ContractionStep | undefined {
  const counts = labelCounts(operands);
  const operandSizes = operands.map((labels) => sizeOf(labels, sizes));
  let best: Candidate | undefined;
  for (let i = 0; i < operands.length; i++) {
    for (let j = i + 1; j < operands.length; j++) {
      const a = operands[i] ?? '';
      const b = operands[j] ?? '';
      if ([...a].some((label) => b.includes(label)) !== sharing) continue;
      const step = contractionStep(operands, [i, j], output, sizes, counts);
      if (!fitsMemory(step, operands.length, memoryLimit)) continue;
      const rank = sharing
        ? [
            step.size - (operandSizes[i] ?? 0) - (operandSizes[j] ?? 0),
            step.summed.length > 0 ? 0 : 1,
            step.flops,
          ]
        : [step.size, step.flops];
      if (best === undefined || before(rank, best.rank)) best = { step, rank };
    }
  }
  return best?.step;
}

/** Lexicographic order of rank keys; equal keys keep the earlier (lower-position) pair. */
function before(rank: readonly number[], other: readonly number[]): boolean {
  for (let k = 0; k < rank.length; k++) {
    const difference = (rank[k] ?? 0) - (other[k] ?? 0);
    if (difference !== 0) return difference < 0;
  }
  return false;
}
