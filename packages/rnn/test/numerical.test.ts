// Tests of numericalGradients, maxRelativeError and gradcheck().

import { tensor } from '@rnn/einsum';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RnnError } from '../src/errors.js';
import { gradcheck } from '../src/gradients/gradcheck.js';
import { gradients } from '../src/gradients/gradients.js';
import { maxRelativeError, numericalGradients } from '../src/gradients/numerical.js';
import { paramsOf, problems } from './math-arbitraries.js';

describe('numericalGradients', () => {
  it('leaves the parameters unchanged and returns their shapes', () => {
    fc.assert(
      fc.property(problems(4), (problem) => {
        const params = paramsOf(problem);
        const before = [params.U.toFlat(), params.W.toFlat(), params.V.toFlat()];
        const estimate = numericalGradients(params, problem.xs, problem.ys);
        expect([params.U.toFlat(), params.W.toFlat(), params.V.toFlat()]).toEqual(before);
        expect([estimate.dU.shape, estimate.dW.shape, estimate.dV.shape]).toEqual([
          params.U.shape,
          params.W.shape,
          params.V.shape,
        ]);
      }),
      { numRuns: 10 },
    );
  });

  it('honours the step h: its error grows like h² (the truncation term), from 1e-5 to 1e-3', () => {
    // Central differences err by h²·L'''/6 + O(h⁴): going from h = 1e-5 to 1e-3 multiplies the truncation term by
    // 1e4, and at h = 1e-3 it (about 1e-7 here) dwarfs the rounding error (about 1e-11), so the ratio is large.
    const problem = { vocabSize: 3, hiddenSize: 2, xs: [1, 0, 2], ys: [2, 1, 0], seed: 4, scale: 1 };
    const params = paramsOf(problem);
    const exact = gradients(params, problem.xs, problem.ys).dW.toFlat();
    const error = (h: number) => {
      const estimate = numericalGradients(params, problem.xs, problem.ys, { h }).dW.toFlat();
      return Math.max(...estimate.map((value, i) => Math.abs(value - (exact[i] as number))));
    };
    const coarse = error(1e-3);
    expect(coarse).toBeLessThan(1e-5);
    expect(coarse / error(1e-5)).toBeGreaterThan(100);
  });

  it('rejects a step that is not a positive finite number and bad tokens', () => {
    const params = paramsOf({ vocabSize: 3, hiddenSize: 2, xs: [0], ys: [0], seed: 1, scale: 1 });
    expect(() => numericalGradients(params, [0], [1], { h: 0 })).toThrow(
      /h must be a positive finite number/,
    );
    expect(() => numericalGradients(params, [0], [3])).toThrow(RnnError);
  });
});

describe('maxRelativeError', () => {
  it('is relative above the floor and absolute over the floor below it', () => {
    expect(maxRelativeError([100], [101], 1e-6)).toBeCloseTo(1 / 101, 15);
    expect(maxRelativeError([1e-9], [0], 1e-6)).toBeCloseTo(1e-3, 15);
    expect(maxRelativeError([0, 0], [0, 0], 1e-6)).toBe(0);
    expect(maxRelativeError([Number.NaN], [0], 1e-6)).toBeNaN();
    expect(() => maxRelativeError([1], [1, 2], 1e-6)).toThrow(/lengths differ/);
    expect(maxRelativeError(tensor([1, 2]).toFlat(), [1, 2], 1)).toBe(0);
  });
});

describe('gradcheck', () => {
  it('passes with rows for U (24), W (21), V (13) in both forms and prints them as a table', () => {
    const report = gradcheck({ vocabSize: 4, hiddenSize: 3, length: 5, seed: 2 });
    expect(report.rows.map((row) => `${row.parameter}${row.equation}${row.method}`)).toEqual([
      'U24literal',
      'U24bptt',
      'W21literal',
      'W21bptt',
      'V13literal',
      'V13bptt',
    ]);
    expect(report.passed).toBe(true);
    expect(report.maxRelativeError).toBe(Math.max(...report.rows.map((row) => row.maxRelativeError)));
    const lines = report.toString().split('\n');
    expect(lines[0]).toBe(
      'gradcheck: vocabulary 4, hidden 3, length 5, seed 2 (central differences, h = 1e-5)',
    );
    expect(lines).toHaveLength(1 + 1 + 6 + 1);
    expect(lines[2]).toMatch(/^U {10}\(24\) {6}literal {2}\d\.\d\de-\d+$/);
    expect(lines.at(-1)).toMatch(/passed$/);
  });

  it('uses the defaults vocabulary 5, hidden 4, length 6, seed 0, and rejects a bad length', () => {
    const report = gradcheck();
    expect([report.vocabSize, report.hiddenSize, report.length, report.seed]).toEqual([5, 4, 6, 0]);
    expect(() => gradcheck({ length: 0 })).toThrow(/length must be a positive integer/);
    expect(() => gradcheck({ hiddenSize: -1 })).toThrow(RnnError);
  });
});
