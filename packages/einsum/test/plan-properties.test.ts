// Laws of the planner over random equations shaped like opt_einsum's: each contracted label in exactly two operands.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naiveFlops } from '../src/plan/cost.js';
import { greedySearch } from '../src/plan/greedy.js';
import { type ContractionStep, type Optimize, planContraction } from '../src/plan/index.js';
import { encodeProblem } from '../src/plan/masks.js';
import { optimalSearch } from '../src/plan/optimal.js';
import { contractionStep } from '../src/plan/step.js';

interface Equation {
  readonly inputs: readonly string[];
  readonly output: string;
  readonly sizes: ReadonlyMap<string, number>;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * 1–`maxOperands` operands; contracted labels in exactly two operands, output labels in one, batch labels in
 * two operands and the output; sizes 1–5 (size 1 included on purpose: it is where pairwise orders can lose to
 * the naive loop).
 */
function equations(maxOperands: number): fc.Arbitrary<Equation> {
  return fc
    .record({
      operandCount: fc.integer({ min: 1, max: maxOperands }),
      contracted: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
      free: fc.array(fc.nat(), { maxLength: 4 }),
      batch: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
      sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 26, maxLength: 26 }),
    })
    .chain(({ operandCount, contracted, free, batch, sizes }) => {
      const operands: string[] = Array.from({ length: operandCount }, () => '');
      const output: string[] = [];
      let next = 0;
      const pair = ([first, second]: [number, number]): [number, number] => {
        const a = first % operandCount;
        return [a, operandCount === 1 ? a : (a + 1 + (second % (operandCount - 1))) % operandCount];
      };
      const place = (positions: readonly number[], inOutput: boolean): void => {
        const label = LETTERS[next++] ?? '';
        for (const position of new Set(positions)) operands[position] += label;
        if (inOutput) output.push(label);
      };
      for (const entry of contracted) place(pair(entry), false);
      for (const position of free) place([position % operandCount], true);
      for (const entry of batch) place(pair(entry), true);
      const labelSizes = new Map([...LETTERS.slice(0, next)].map((label, k) => [label, sizes[k] ?? 1]));
      return fc
        .shuffledSubarray(output, { minLength: output.length, maxLength: output.length })
        .map((order) => ({ inputs: operands, output: order.join(''), sizes: labelSizes }));
    });
}

const sizeOfLabels = (labels: string, sizes: ReadonlyMap<string, number>): number =>
  [...labels].reduce((size, label) => size * (sizes.get(label) ?? 1), 1);

const total = (steps: readonly ContractionStep[]): number => steps.reduce((sum, step) => sum + step.flops, 0);

/**
 * Replays a plan on the operand list and checks it step by step: positions ascending, distinct and in range;
 * inputs are the operands at those positions; a label survives exactly when the output or an operand outside
 * the step still needs it; one operand, equal to the output, remains at the end.
 */
function expectValidPlan({ inputs, output }: Equation, steps: readonly ContractionStep[]): void {
  let operands = [...inputs];
  steps.forEach((step, index) => {
    expect(step.operands.every((position, k) => k === 0 || position > (step.operands[k - 1] ?? -1))).toBe(
      true,
    );
    expect(step.operands.every((position) => position >= 0 && position < operands.length)).toBe(true);
    expect(step.inputs).toEqual(step.operands.map((position) => operands[position]));
    const rest = operands.filter((_, position) => !step.operands.includes(position));
    const involved = new Set(step.inputs.join(''));
    const needed = [...involved].filter(
      (label) => output.includes(label) || rest.some((o) => o.includes(label)),
    );
    expect(new Set(step.result)).toEqual(new Set(needed));
    expect(step.result.length).toBe(needed.length);
    expect(new Set(step.summed)).toEqual(new Set([...involved].filter((label) => !needed.includes(label))));
    if (index === steps.length - 1) expect(rest).toEqual([]);
    operands = [...rest, step.result];
  });
  expect(operands).toEqual([output]);
}

/** Every pairwise order, tried exhaustively without pruning: the oracle of the optimal planner's cost. */
function bruteForceCost({ inputs, output, sizes }: Equation): number {
  const search = (operands: readonly string[]): number => {
    if (operands.length === 1) return 0;
    let best = Infinity;
    for (let i = 0; i < operands.length; i++) {
      for (let j = i + 1; j < operands.length; j++) {
        const [step] = planContraction(operands, output, sizes, {
          optimize: [[i, j], ...finishing(operands.length - 1)],
        });
        if (step === undefined) continue;
        const rest = operands.filter((_, position) => position !== i && position !== j);
        best = Math.min(best, step.flops + search([...rest, step.result]));
      }
    }
    return best;
  };
  // a single operand still takes one step, which is the naive one
  const naive = naiveFlops(inputs, output, sizes);
  return inputs.length === 1 ? naive : Math.min(search(inputs), naive);
}

/** A path that finishes `count` operands with one step (so a single pair can be costed via an explicit path). */
function finishing(count: number): number[][] {
  return count > 1 ? [Array.from({ length: count }, (_, position) => position)] : [];
}

const PLANNERS: readonly Optimize[] = ['auto', 'optimal', 'greedy'];

describe('planner laws', () => {
  it('planned cost never exceeds naive cost, for every planner', () => {
    fc.assert(
      fc.property(equations(7), (equation) => {
        const naive = naiveFlops(equation.inputs, equation.output, equation.sizes);
        for (const optimize of PLANNERS) {
          expect(
            total(planContraction(equation.inputs, equation.output, equation.sizes, { optimize })),
          ).toBeLessThanOrEqual(naive);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('every returned path is valid: each operand consumed once, the last result equals the output', () => {
    fc.assert(
      fc.property(equations(7), fc.constantFrom(...PLANNERS), (equation, optimize) => {
        expectValidPlan(
          equation,
          planContraction(equation.inputs, equation.output, equation.sizes, { optimize }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('optimal costs no more than greedy', () => {
    fc.assert(
      fc.property(equations(7), (equation) => {
        const { inputs, output, sizes } = equation;
        const optimal = total(planContraction(inputs, output, sizes, { optimize: 'optimal' }));
        expect(optimal).toBeLessThanOrEqual(
          total(planContraction(inputs, output, sizes, { optimize: 'greedy' })),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('optimal cost equals an unpruned search over every pairwise order', () => {
    fc.assert(
      fc.property(equations(5), (equation) => {
        const { inputs, output, sizes } = equation;
        expect(total(planContraction(inputs, output, sizes, { optimize: 'optimal' }))).toBe(
          bruteForceCost(equation),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('an explicit path is honoured step for step', () => {
    const withPath = equations(7).chain((equation) =>
      fc
        .array(fc.tuple(fc.nat(), fc.nat()), { minLength: 6, maxLength: 6 })
        .map((choices) => ({ equation, path: randomPath(equation.inputs.length, choices) })),
    );
    fc.assert(
      fc.property(withPath, ({ equation, path }) => {
        const steps = planContraction(equation.inputs, equation.output, equation.sizes, { optimize: path });
        expect(steps.map((step) => step.operands)).toEqual(
          path.map((entry) => [...entry].sort((a, b) => a - b)),
        );
        expectValidPlan(equation, steps);
      }),
      { numRuns: 100 },
    );
  });

  it("greedy's first pair minimises size(result) − size(a) − size(b) among pairs sharing a label", () => {
    fc.assert(
      fc.property(equations(7), ({ inputs, output, sizes }) => {
        const [first] = greedySearch(encodeProblem({ inputs, output, sizes, memoryLimit: Infinity })).path;
        const keys: number[] = [];
        let chosen: number | undefined;
        for (let i = 0; i < inputs.length; i++) {
          for (let j = i + 1; j < inputs.length; j++) {
            const [a = '', b = ''] = [inputs[i], inputs[j]];
            if (![...a].some((label) => b.includes(label))) continue;
            const step = contractionStep(inputs, [i, j], output, sizes);
            const key = step.size - sizeOfLabels(a, sizes) - sizeOfLabels(b, sizes);
            keys.push(key);
            if (first?.[0] === i && first[1] === j) chosen = key;
          }
        }
        if (keys.length > 0) expect(chosen).toBe(Math.min(...keys));
      }),
      { numRuns: 200 },
    );
  });

  it('no intermediate exceeds the memory limit; only a final step may', () => {
    fc.assert(
      fc.property(
        equations(7),
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom(...PLANNERS),
        (equation, memoryLimit, optimize) => {
          const steps = planContraction(equation.inputs, equation.output, equation.sizes, {
            optimize,
            memoryLimit,
          });
          expectValidPlan(equation, steps);
          for (const step of steps.slice(0, -1)) expect(step.size).toBeLessThanOrEqual(memoryLimit);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('label masks', () => {
  it('number and BigInt masks give the same plans', () => {
    fc.assert(
      fc.property(equations(6), fc.integer({ min: 0, max: 200 }), (equation, memoryLimit) => {
        const problem = { ...equation, memoryLimit };
        const [narrow, wide] = [encodeProblem(problem), encodeProblem(problem, true)];
        expect(typeof wide.operands[0]).toBe('bigint');
        expect(greedySearch(narrow)).toEqual(greedySearch(wide));
        expect(optimalSearch(narrow)).toEqual(optimalSearch(wide));
      }),
      { numRuns: 100 },
    );
  });

  it('plans a ring of 40 matrices, 40 labels (more than a 32-bit mask holds)', () => {
    // labels from U+0100 up, as the binder gives ellipsis dimensions; each bond of size 3
    const labels = Array.from({ length: 40 }, (_, k) => String.fromCharCode(0x100 + k));
    const inputs = labels.map((label, k) => `${label}${labels[(k + 1) % 40]}`);
    const sizes = new Map(labels.map((label) => [label, 3]));
    const steps = planContraction(inputs, '', sizes, { optimize: 'greedy' });
    expectValidPlan({ inputs, output: '', sizes }, steps);
    // along the ring every step is a 3×3 matrix product (2·27 flops), closed by a trace-like product (2·9)
    expect(total(steps)).toBe(38 * 54 + 18);
  });
});

/** A random complete path of pairs (positions listed in either order) for `count` operands. */
function randomPath(count: number, choices: readonly [number, number][]): number[][] {
  const path: number[][] = [];
  for (let remaining = count, k = 0; remaining > 1; remaining--, k++) {
    const [first = 0, second = 0] = choices[k % choices.length] ?? [];
    const a = first % remaining;
    path.push([(a + 1 + (second % (remaining - 1))) % remaining, a]);
  }
  return count === 1 ? [[0]] : path;
}
