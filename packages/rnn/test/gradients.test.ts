// Property tests of equations (13), (14), (21), (24): literal = finite differences, bptt = literal, truncation.

import { einsum } from '@rnn/einsum';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RnnError } from '../src/errors.js';
import { gradients } from '../src/gradients/gradients.js';
import { maxRelativeError, numericalGradients } from '../src/gradients/numerical.js';
import type { Gradients } from '../src/gradients/types.js';
import { EQUATIONS } from '../src/model/equations.js';
import { forward } from '../src/model/forward.js';
import { paramsOf, problems } from './math-arbitraries.js';

// Finite differences: the central difference with h = 1e-5 is off by about h²·|L'''|/6 + ε·|L|/h. With weights
// up to ±2 (the largest scale the generator draws) |L'''| stays below about 1e2, so the absolute error is at
// most about 2e-9 (2.4e-9 observed over 200 random problems). Relative to entries above the floor 1e-4 that is
// at most 2e-5, and entries below the floor are compared as absolute errors over 1e-4, the same bound. The
// tolerance 1e-4 leaves 5× margin (3e-7 observed); a wrong equation (a missing term of the sum over r, the 1/N
// forgotten, a transposed Jacobian) is off by 1e-1 or more.
const FD_FLOOR = 1e-4;
const FD_TOLERANCE = 1e-4;

// Two contraction orders of the same sums: each entry adds at most T²·H ≤ 384 products, so rounding differs
// by a few hundred ε = 1.1e-16 relative to the size of the terms, below 1e-13 (1.4e-13 observed over 200
// problems; absolute differences below 2e-15). Entries are compared relative to max(|a|, |b|, 1e-3), so the
// tolerance 1e-11 leaves about 70× margin while any real difference between the forms shows at 1e-3 or more.
const ROUNDING_FLOOR = 1e-3;
const ROUNDING_TOLERANCE = 1e-11;

const KEYS = ['dU', 'dW', 'dV'] as const;
const errorOf = (a: Gradients, b: Gradients, key: (typeof KEYS)[number], floor: number): number =>
  maxRelativeError(a[key].toFlat(), b[key].toFlat(), floor);

describe('literal gradients against central finite differences', () => {
  // #region test-eq13-literal
  it('literal (13) equals central finite differences', () => {
    fc.assert(
      fc.property(problems(), (problem) => {
        const params = paramsOf(problem);
        const literal = gradients(params, problem.xs, problem.ys, { method: 'literal' });
        const numerical = numericalGradients(params, problem.xs, problem.ys);
        expect(errorOf(literal, numerical, 'dV', FD_FLOOR)).toBeLessThan(FD_TOLERANCE);
      }),
      { numRuns: 30 },
    );
  });
  // #endregion test-eq13-literal

  // #region test-eq21-literal
  it('literal (21) equals central finite differences', () => {
    fc.assert(
      fc.property(problems(), (problem) => {
        const params = paramsOf(problem);
        const literal = gradients(params, problem.xs, problem.ys, { method: 'literal' });
        const numerical = numericalGradients(params, problem.xs, problem.ys);
        expect(errorOf(literal, numerical, 'dW', FD_FLOOR)).toBeLessThan(FD_TOLERANCE);
      }),
      { numRuns: 30 },
    );
  });
  // #endregion test-eq21-literal

  // #region test-eq24-literal
  it('literal (24) equals central finite differences', () => {
    fc.assert(
      fc.property(problems(), (problem) => {
        const params = paramsOf(problem);
        const literal = gradients(params, problem.xs, problem.ys, { method: 'literal' });
        const numerical = numericalGradients(params, problem.xs, problem.ys);
        expect(errorOf(literal, numerical, 'dU', FD_FLOOR)).toBeLessThan(FD_TOLERANCE);
      }),
      { numRuns: 30 },
    );
  });
  // #endregion test-eq24-literal
});

describe('bptt against literal', () => {
  // #region test-eq13-bptt
  it('bptt (13) equals literal (13) to rounding', () => {
    fc.assert(
      fc.property(problems(), (problem) => {
        const params = paramsOf(problem);
        const literal = gradients(params, problem.xs, problem.ys, { method: 'literal' });
        const bptt = gradients(params, problem.xs, problem.ys, { method: 'bptt' });
        expect(errorOf(bptt, literal, 'dV', ROUNDING_FLOOR)).toBeLessThan(ROUNDING_TOLERANCE);
      }),
      { numRuns: 30 },
    );
  });
  // #endregion test-eq13-bptt

  // #region test-eq21-bptt
  it('bptt (21) equals literal (21) to rounding', () => {
    fc.assert(
      fc.property(problems(), (problem) => {
        const params = paramsOf(problem);
        const literal = gradients(params, problem.xs, problem.ys, { method: 'literal' });
        const bptt = gradients(params, problem.xs, problem.ys, { method: 'bptt' });
        expect(errorOf(bptt, literal, 'dW', ROUNDING_FLOOR)).toBeLessThan(ROUNDING_TOLERANCE);
      }),
      { numRuns: 30 },
    );
  });
  // #endregion test-eq21-bptt

  // #region test-eq24-bptt
  it('bptt (24) equals literal (24) to rounding', () => {
    fc.assert(
      fc.property(problems(), (problem) => {
        const params = paramsOf(problem);
        const literal = gradients(params, problem.xs, problem.ys, { method: 'literal' });
        const bptt = gradients(params, problem.xs, problem.ys, { method: 'bptt' });
        expect(errorOf(bptt, literal, 'dU', ROUNDING_FLOOR)).toBeLessThan(ROUNDING_TOLERANCE);
      }),
      { numRuns: 30 },
    );
  });
  // #endregion test-eq24-bptt
});

describe('truncated BPTT', () => {
  // #region test-truncation
  it('truncated bptt (21), (24) equal truncated literal (21), (24), and (13) is never truncated', () => {
    fc.assert(
      fc.property(problems(), fc.nat(8), (problem, truncate) => {
        const params = paramsOf(problem);
        const literal = gradients(params, problem.xs, problem.ys, { method: 'literal', truncate });
        const bptt = gradients(params, problem.xs, problem.ys, { method: 'bptt', truncate });
        const full = gradients(params, problem.xs, problem.ys, { method: 'bptt' });
        for (const key of KEYS)
          expect(errorOf(bptt, literal, key, ROUNDING_FLOOR)).toBeLessThan(ROUNDING_TOLERANCE);
        expect(bptt.dV.toFlat()).toEqual(full.dV.toFlat());
      }),
      { numRuns: 30 },
    );
  });

  it('truncate ≥ T − 1 equals full (21), (24) in both forms', () => {
    fc.assert(
      fc.property(problems(), fc.nat(3), (problem, extra) => {
        const params = paramsOf(problem);
        const truncate = problem.xs.length - 1 + extra;
        for (const method of ['literal', 'bptt'] as const) {
          const truncated = gradients(params, problem.xs, problem.ys, { method, truncate });
          const full = gradients(params, problem.xs, problem.ys, { method });
          for (const key of KEYS) expect(truncated[key].toFlat()).toEqual(full[key].toFlat());
        }
      }),
      { numRuns: 30 },
    );
  });

  it('truncation changes (21) once the window is shorter than the sequence', () => {
    const params = paramsOf({
      vocabSize: 3,
      hiddenSize: 3,
      xs: [0, 1, 2, 0],
      ys: [1, 2, 0, 1],
      seed: 9,
      scale: 1,
    });
    const full = gradients(params, [0, 1, 2, 0], [1, 2, 0, 1]);
    const truncated = gradients(params, [0, 1, 2, 0], [1, 2, 0, 1], { truncate: 1 });
    expect(errorOf(full, truncated, 'dW', ROUNDING_FLOOR)).toBeGreaterThan(1e-3);
  });
  // #endregion test-truncation
});

// #region test-eq14
it('the V gradient (13) equals the sum over t of the outer products (14), over N', () => {
  const [outer] = EQUATIONS['14'].bptt;
  fc.assert(
    fc.property(problems(), (problem) => {
      const params = paramsOf(problem);
      const { s, yHat } = forward(params, problem.xs);
      const T = problem.xs.length;
      const K = problem.vocabSize;
      const H = problem.hiddenSize;
      const sum = new Float64Array(K * H);
      for (let t = 0; t < T; t++) {
        const error = yHat.toFlat().slice(t * K, (t + 1) * K);
        const target = problem.ys[t] as number;
        error[target] = (error[target] as number) - 1; // ŷ_t − y_t
        const state = s.toFlat().slice(t * H, (t + 1) * H);
        const perStep = einsum(outer.subscripts, error, state).toFlat(); // (14) (ŷ_t − y_t) ⊗ s_t
        for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (perStep[i] as number) / T;
      }
      const { dV } = gradients(params, problem.xs, problem.ys);
      expect(maxRelativeError(dV.toFlat(), sum, ROUNDING_FLOOR)).toBeLessThan(ROUNDING_TOLERANCE);
    }),
    { numRuns: 30 },
  );
});
// #endregion test-eq14

describe('gradients rejects bad input', () => {
  const params = paramsOf({ vocabSize: 3, hiddenSize: 2, xs: [0], ys: [0], seed: 1, scale: 1 });
  it.each([
    ['a token id equal to K', [0, 3], [1, 2], /xs\[1\] is 3/],
    ['a negative target', [0, 1], [1, -1], /ys\[1\] is -1/],
    ['a fractional token id', [0.5], [1], /xs\[0\] is 0.5/],
    ['NaN', [Number.NaN], [1], /xs\[0\] is NaN/],
    ['an empty sequence', [], [], /xs is empty/],
    ['targets of another length', [0, 1], [1], /ys has 1 targets but xs has 2/],
  ])('throws RnnError for %s, in both methods', (_, xs, ys, message) => {
    for (const method of ['literal', 'bptt'] as const) {
      expect(() => gradients(params, xs, ys, { method })).toThrow(RnnError);
      expect(() => gradients(params, xs, ys, { method })).toThrow(message);
    }
  });

  it('refuses a literal form too large to materialise, and names the sizes', () => {
    const big = paramsOf({ vocabSize: 2, hiddenSize: 64, xs: [0], ys: [0], seed: 1, scale: 1 });
    const xs = new Array<number>(100).fill(0);
    expect(() => gradients(big, xs, xs, { method: 'literal' })).toThrow(
      /T = 100, H = 64, K = 2 .* Use method 'bptt'/,
    );
    expect(() => gradients(big, xs, xs, { method: 'bptt' })).not.toThrow();
  });

  it('throws RnnError for a bad method or truncate', () => {
    expect(() => gradients(params, [0], [1], { method: 'adjoint' as 'bptt' })).toThrow(/method must be/);
    expect(() => gradients(params, [0], [1], { truncate: -1 })).toThrow(
      /truncate must be a non-negative integer/,
    );
    expect(() => gradients(params, [0], [1], { truncate: 1.5 })).toThrow(RnnError);
  });
});
