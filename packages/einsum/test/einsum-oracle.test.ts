// Laws of einsum against the brute-force oracle, for every planner and every path.

import { describe, expect } from 'vitest';
import type { Tensor } from '../src/index.js';
import { compile, einsum, einsumPath } from '../src/index.js';
import { naiveEinsum } from './naive.js';
import { prop } from './property.js';
import { caseWithPath, randomCase } from './random-equation.js';

/**
 * Operands are small integers, so every product and sum is an exact float64 integer whatever the order of
 * summation: results must agree exactly (tolerance 0).
 */
function expectExact(result: Tensor, expected: { shape: number[]; values: number[] }, what: string): void {
  expect(result.shape, `${what}: shape`).toEqual(expected.shape);
  const got = result.toFlat();
  const mismatch = expected.values.findIndex((value, i) => got[i] !== value);
  expect(
    mismatch,
    `${what}: element ${mismatch} is ${got[mismatch]}, expected ${expected.values[mismatch]}`,
  ).toBe(-1);
}

const shapesOf = (operands: readonly Tensor[]) => operands.map((t) => t.shape);

describe('einsum', () => {
  prop([randomCase], { numRuns: 600 })(
    'einsum equals the naive sum over every label assignment',
    ({ subscripts, operands }) => {
      expectExact(einsum(subscripts, ...operands), naiveEinsum(subscripts, operands), subscripts);
    },
  );

  prop([randomCase], { numRuns: 300 })(
    'contract equals the naive sum for every planner (optimal, greedy)',
    ({ subscripts, operands }) => {
      const expected = naiveEinsum(subscripts, operands);
      for (const optimize of ['optimal', 'greedy', 'auto'] as const) {
        const expr = compile(subscripts, shapesOf(operands), { optimize });
        expectExact(expr(...operands), expected, `${subscripts} (${optimize})`);
      }
    },
  );

  prop([caseWithPath], {
    numRuns: 300,
  })('every path gives the same result', ([{ subscripts, operands }, path]) => {
    const expected = naiveEinsum(subscripts, operands);
    const expr = compile(subscripts, shapesOf(operands), { optimize: path });
    expect(expr.info.path).toEqual(path);
    expectExact(expr(...operands), expected, `${subscripts} path ${JSON.stringify(path)}`);
  });

  prop([randomCase], { numRuns: 100 })(
    'compile equals einsum, by call and by into()',
    ({ subscripts, operands }) => {
      const expected = einsum(subscripts, ...operands);
      const expr = compile(subscripts, shapesOf(operands));
      expect(expr(...operands).toFlat()).toEqual(expected.toFlat());
      const out = new Float64Array(expected.size).fill(Number.NaN);
      expr.into(out, ...operands.map((t) => t.toFlat()));
      expect(out).toEqual(expected.toFlat());
      // a second call reuses the buffers and must not see the first call's data
      expect(expr(...operands).toFlat()).toEqual(expected.toFlat());
    },
  );

  prop([randomCase], { numRuns: 100 })(
    'einsum reads permuted views in place as their values',
    ({ subscripts, operands }) => {
      const reversed = operands.map((t) => t.transpose());
      const restored = reversed.map((t) => t.transpose());
      expectExact(
        einsum(subscripts, ...restored),
        naiveEinsum(subscripts, operands),
        `${subscripts} via views`,
      );
    },
  );

  prop([randomCase], { numRuns: 100 })(
    'planned cost never exceeds naive cost',
    ({ subscripts, operands }) => {
      const info = einsumPath(subscripts, shapesOf(operands));
      expect(info.optimizedFlops).toBeLessThanOrEqual(info.naiveFlops);
    },
  );
});
