// Tests of numericalGradients, maxRelativeError and gradcheck().

import { tensor } from '@rnn/einsum';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RnnError } from '../src/errors.js';
import { gradcheck } from '../src/gradcheck.js';
import { gradients } from '../src/gradients.js';
import { maxRelativeError, numericalGradients } from '../src/numerical.js';
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

  it('is exact (to rounding) on V for a one-step sequence, where L is smooth in V alone', () => {
    // With T = 1, dL/dV_kh = (ŷ_k − y_k) s_h. A larger step h = 1e-3 gives a truncation error h²|L'''|/6 ≤ 1e-7
    // (|L'''| ≤ 1 for the softmax cross-entropy of unit-sized logits): a check independent of gradients().
    const params = paramsOf({ vocabSize: 3, hiddenSize: 2, xs: [1], ys: [2], seed: 4, scale: 0.5 });
    const estimate = numericalGradients(params, [1], [2], { h: 1e-3 });
    const exact = gradients(params, [1], [2]);
    expect(maxRelativeError(estimate.dV.toFlat(), exact.dV.toFlat(), 1e-3)).toBeLessThan(1e-6);
    expect(maxRelativeError(estimate.dV.toFlat(), exact.dV.toFlat(), 1e-3)).toBeGreaterThan(0); // it did differ
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
