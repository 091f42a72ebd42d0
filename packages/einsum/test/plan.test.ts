// Known answers of the planner (cross-checked with numpy.einsum_path), explicit paths, errors and the report.

import { describe, expect, it } from 'vitest';
import { EinsumError } from '../src/errors.js';
import { describePlan, type PlanOptions, planContraction } from '../src/plan/index.js';

/** Sizes of every label of an equation, all `size` unless given. */
function sizesOf(labels: string, size: number, given: Record<string, number> = {}): Map<string, number> {
  return new Map([...labels].map((label) => [label, given[label] ?? size]));
}

function plan(subscripts: string, sizes: Map<string, number>, options?: PlanOptions) {
  const [left = '', output = ''] = subscripts.split('->');
  const inputs = left.split(',');
  return describePlan(subscripts, inputs, output, sizes, planContraction(inputs, output, sizes, options));
}

function thrown(action: () => unknown): EinsumError {
  try {
    action();
  } catch (error) {
    if (error instanceof EinsumError) return error;
    throw error;
  }
  throw new Error('expected an EinsumError, nothing was thrown');
}

describe('known answers (numpy.einsum_path with the memory limit lifted)', () => {
  const chainSizes = sizesOf('ijkl', 0, { i: 64, j: 512, k: 64, l: 512 });

  it.each(['auto', 'optimal', 'greedy'] as const)(
    "contracts the chain 'ij,jk,kl->il' in the cheap order (%s)",
    (optimize) => {
      // numpy: ['einsum_path', (0, 1), (0, 1)], naive 3.221e+09, optimised 8.389e+06, speedup 384
      const info = plan('ij,jk,kl->il', chainSizes, { optimize });
      expect(info.path).toEqual([
        [0, 1],
        [0, 1],
      ]);
      expect(info.steps.map((step) => step.result)).toEqual(['ik', 'il']);
      expect(info.naiveFlops).toBe(64 * 512 * 64 * 512 * 3);
      expect(info.optimizedFlops).toBe(2 * (2 * 64 * 512 * 64));
      expect(info.speedup).toBe(384);
      expect(info.largestIntermediate).toBe(64 * 512);
    },
  );

  it.each(['optimal', 'greedy'] as const)(
    "matches numpy's docs example 'ea,fb,abcd,gc,hd->efgh' (%s)",
    (optimize) => {
      // numpy: ['einsum_path', (0, 2), (0, 3), (0, 2), (0, 1)], naive 5.000e+08, optimised 8.000e+05
      const info = plan('ea,fb,abcd,gc,hd->efgh', sizesOf('abcdefgh', 10), { optimize });
      expect(info.path).toEqual([
        [0, 2],
        [0, 3],
        [0, 2],
        [0, 1],
      ]);
      expect(info.naiveFlops).toBe(5e8);
      expect(info.optimizedFlops).toBe(8e5);
      expect(info.largestIntermediate).toBe(1e4);
    },
  );

  it('finds the optimum of a 5-operand tensor network', () => {
    // numpy optimal: ['einsum_path', (1, 3), (1, 2), (1, 2), (0, 1)], naive 1.386e+07, optimised 4.545e+04,
    // steps dg,bde->geb; fg,cef->gec; gec,geb->cb; cb,abc->a. The first two are independent: this search
    // meets the cheaper one first and takes it first, so the path differs from numpy's only in their order.
    const sizes = sizesOf('abcdefg', 0, { a: 2, b: 30, c: 7, d: 40, e: 5, f: 11, g: 3 });
    const optimal = plan('abc,bde,cef,dg,fg->a', sizes, { optimize: 'optimal' });
    expect(optimal.path).toEqual([
      [2, 4],
      [1, 2],
      [1, 2],
      [0, 1],
    ]);
    expect(optimal.steps.map((step) => `${step.inputs}->${step.result}`)).toEqual([
      'cef,fg->ceg',
      'bde,dg->beg',
      'ceg,beg->cb',
      'abc,cb->a',
    ]);
    expect(optimal.naiveFlops).toBe(13_860_000);
    expect(optimal.optimizedFlops).toBe(45_450);
    expect(plan('abc,bde,cef,dg,fg->a', sizes, { optimize: 'greedy' }).optimizedFlops).toBeGreaterThanOrEqual(
      45_450,
    );
  });

  it('gives a single operand one step that sums what the output drops', () => {
    const info = plan('ij->j', sizesOf('ij', 3));
    expect(info.steps).toEqual([
      { operands: [0], inputs: ['ij'], result: 'j', summed: 'i', flops: 18, size: 3 },
    ]);
  });

  it('keeps the output label order in the last step and appearance order in intermediates', () => {
    const info = plan('ij,jk,kl->li', sizesOf('ijkl', 0, { i: 64, j: 512, k: 64, l: 512 }));
    expect(info.steps.map((step) => step.result)).toEqual(['ik', 'li']);
  });

  it('keeps a label shared by three operands until its last one is contracted', () => {
    const steps = planContraction(['bij', 'bjk', 'bkl'], 'il', sizesOf('bijkl', 4));
    expect(steps.map((step) => [step.result, step.summed])).toEqual([
      ['bik', 'j'],
      ['il', 'bk'],
    ]);
  });

  it('reports a speedup of 1 when a size-0 label makes every count 0', () => {
    const info = plan('ij,jk,kl->il', sizesOf('ijkl', 3, { j: 0 }));
    expect([info.naiveFlops, info.optimizedFlops, info.speedup]).toEqual([0, 0, 1]);
  });

  it('falls back to the naive single step when every pairwise order costs more', () => {
    // all sizes 1: naive costs 1·(2 + 1) = 3, any pair order 2 + 2 = 4
    const info = plan('ax,xb,ab->', sizesOf('abx', 1));
    expect(info.path).toEqual([[0, 1, 2]]);
    expect(info.optimizedFlops).toBe(info.naiveFlops);
  });
});

describe('explicit paths', () => {
  const sizes = sizesOf('ijkl', 0, { i: 64, j: 512, k: 64, l: 512 });

  it('honours a path as given, even an expensive one, listing positions ascending', () => {
    const info = plan('ij,jk,kl->il', sizes, {
      optimize: [
        [2, 1],
        [1, 0],
      ],
    });
    expect(info.path).toEqual([
      [1, 2],
      [0, 1],
    ]);
    expect(info.steps.map((step) => `${step.inputs}->${step.result}`)).toEqual(['jk,kl->jl', 'ij,jl->il']);
    expect(info.optimizedFlops).toBe(2 * 512 * 64 * 512 + 2 * 64 * 512 * 512);
  });

  it('accepts a step of more than two operands', () => {
    expect(plan('ij,jk,kl->il', sizes, { optimize: [[0, 1, 2]] }).optimizedFlops).toBe(
      64 * 512 * 64 * 512 * 3,
    );
  });

  it.each([
    [[], /non-empty list of steps/],
    [[[0, 1], []], /step 1 of the path must be a non-empty list/],
    [[[0, 3]], /step 0 of the path, position 1: operand 3 is out of range: 3 operands remain \(ij,jk,kl\)/],
    [
      [
        [0, 1],
        [0, 2],
      ],
      /step 1 of the path, position 1: operand 2 is out of range: 2 operands remain/,
    ],
    [[[1, 1]], /step 0 of the path, position 1: operand 1 is listed twice/],
    [[[0.5, 1]], /step 0 of the path, position 0: 0.5 is not an operand position/],
    [[[-1, 0]], /position 0: operand -1 is out of range/],
    [[[0, 1]], /the path ends with 2 operands left \(kl,ik\)/],
    [[[0, 1, 2], [0]], /step 1 of the path has nothing left to contract: step 0 produced the output/],
  ])('rejects the bad path %j with code bad-path', (path, message) => {
    const error = thrown(() => planContraction(['ij', 'jk', 'kl'], 'il', sizes, { optimize: path }));
    expect(error.code).toBe('bad-path');
    expect(error.message).toMatch(message);
  });
});

describe('options and labels', () => {
  const sizes = sizesOf('ijk', 2);

  it('rejects an unknown planner name, listing the valid ones', () => {
    const error = thrown(() =>
      planContraction(['ij', 'jk'], 'ik', sizes, { optimize: 'dp' as unknown as PlanOptions['optimize'] }),
    );
    expect(error.code).toBe('bad-optimize');
    expect(error.message).toContain(`unknown optimize option "dp": use one of 'auto', 'optimal', 'greedy'`);
  });

  it.each([-1, Number.NaN])('rejects the memory limit %d with code bad-optimize', (memoryLimit) => {
    const error = thrown(() => planContraction(['ij', 'jk'], 'ik', sizes, { memoryLimit }));
    expect(error.code).toBe('bad-optimize');
    expect(error.message).toMatch(/memoryLimit must be a non-negative number/);
  });

  it('rejects a label without a size, an output label no operand has, and no operands', () => {
    expect(thrown(() => planContraction(['iz'], 'i', sizes)).code).toBe('bad-shape');
    expect(thrown(() => planContraction(['ij'], 'ik', sizes)).code).toBe('unknown-output-label');
    expect(thrown(() => planContraction([], '', sizes)).code).toBe('operand-count');
  });

  it('keeps every intermediate within the memory limit, and contracts the rest at once when nothing fits', () => {
    const chain = sizesOf('abcde', 0, { a: 2, b: 50, c: 2, d: 50, e: 2 });
    const fits = planContraction(['ab', 'bc', 'cd', 'de'], 'ae', chain, { memoryLimit: 4 });
    expect(fits.slice(0, -1).every((step) => step.size <= 4)).toBe(true);
    const stuck = planContraction(['ab', 'bc', 'cd', 'de'], 'ae', chain, {
      memoryLimit: 1,
      optimize: 'greedy',
    });
    expect(stuck.map((step) => step.operands)).toEqual([[0, 1, 2, 3]]);
  });
});

describe('the printed report', () => {
  it('shows the totals and one row per step', () => {
    const info = plan('ij,jk,kl->il', sizesOf('ijkl', 0, { i: 64, j: 512, k: 64, l: 512 }));
    expect(info.toString()).toMatchInlineSnapshot(`
      "  Complete contraction:  ij,jk,kl->il
               Naive scaling:  4
           Optimized scaling:  3
            Naive FLOP count:  3.221e+9
        Optimized FLOP count:  8.389e+6
         Theoretical speedup:  384.0
        Largest intermediate:  32768 elements
      ------------------------------------------
      scaling      flops   current     remaining
      ------------------------------------------
            3   4.194e+6   ij,jk->ik   kl,ik->il
            3   4.194e+6   kl,ik->il   il->il"
    `);
  });

  it('shows the labels of ellipsis dimensions as unused letters, with a legend', () => {
    // numpy (shapes [2,3,4,5], [3,5,6], [6,7]): path (1, 2), (0, 1); naive 1.512e+04, largest 168 elements
    const [batch, head] = ['\u0100', '\u0101'];
    const inputs = [`${batch}${head}ij`, `${head}jk`, 'kl'];
    const output = `${batch}${head}il`;
    const sizes = new Map([
      [batch, 2],
      [head, 3],
      ['i', 4],
      ['j', 5],
      ['k', 6],
      ['l', 7],
    ]);
    const steps = planContraction(inputs, output, sizes);
    expect(
      describePlan('...ij,...jk,kl->...il', inputs, output, sizes, steps).toString(),
    ).toMatchInlineSnapshot(`
      "  Complete contraction:  ...ij,...jk,kl->...il
             Ellipsis labels:  AB stand for '...'
               Naive scaling:  6
           Optimized scaling:  5
            Naive FLOP count:  15120
        Optimized FLOP count:  2940
         Theoretical speedup:  5.1
        Largest intermediate:  168 elements
      -------------------------------------------------
      scaling   flops   current          remaining
      -------------------------------------------------
            4    1260   Bjk,kl->Bjl      ABij,Bjl->ABil
            5    1680   ABij,Bjl->ABil   ABil->ABil"
    `);
  });
});
