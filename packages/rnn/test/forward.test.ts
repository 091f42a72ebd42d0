// Tests of the forward pass (1a), (1b), the loss (2) and the parameters, against plain-loop oracles.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RnnError } from '../src/errors.js';
import { maxRelativeError } from '../src/gradients/numerical.js';
import { forward } from '../src/model/forward.js';
import { loss } from '../src/model/loss.js';
import { initParams, type Params } from '../src/model/params.js';
import { paramsOf, problems } from './math-arbitraries.js';

// The einsum forward pass and the loops below add the same products in possibly different orders: at most
// H + 1 terms per entry, each below 2·(H + 1) in size, so they agree to a few ε; 1e-12 relative to
// max(|a|, |b|, 1) leaves a margin of more than 1000×.
const ROUNDING = 1e-12;

/** (1a), (1b) and (2) with plain loops: the oracle. */
function naiveForward(params: Params, xs: readonly number[], ys: readonly number[]) {
  const [H = 0, K = 0] = params.U.shape;
  const at = (m: Params['U'], i: number, j: number) => m.at(i, j);
  const s: number[][] = [];
  const yHat: number[][] = [];
  let previous = new Array<number>(H).fill(0);
  let total = 0;
  xs.forEach((x, t) => {
    const state = Array.from({ length: H }, (_, h) => {
      let z = at(params.U, h, x);
      for (let j = 0; j < H; j++) z += at(params.W, h, j) * (previous[j] as number);
      return Math.tanh(z);
    });
    const q = Array.from({ length: K }, (_, k) =>
      state.reduce((sum, value, h) => sum + at(params.V, k, h) * value, 0),
    );
    const norm = q.reduce((sum, value) => sum + Math.exp(value), 0);
    const probabilities = q.map((value) => Math.exp(value) / norm);
    total -= Math.log(probabilities[ys[t] as number] as number);
    s.push(state);
    yHat.push(probabilities);
    previous = state;
  });
  return { s: s.flat(), yHat: yHat.flat(), loss: total / xs.length };
}

describe('forward and loss', () => {
  // #region test-eq1a
  it('forward (1a), (1b) equal the plain-loop recurrence and softmax', () => {
    fc.assert(
      fc.property(problems(), (problem) => {
        const params = paramsOf(problem);
        const { s, yHat } = forward(params, problem.xs);
        const oracle = naiveForward(params, problem.xs, problem.ys);
        expect(s.shape).toEqual([problem.xs.length, problem.hiddenSize]);
        expect(yHat.shape).toEqual([problem.xs.length, problem.vocabSize]);
        expect(maxRelativeError(s.toFlat(), oracle.s, 1)).toBeLessThan(ROUNDING);
        expect(maxRelativeError(yHat.toFlat(), oracle.yHat, 1)).toBeLessThan(ROUNDING);
      }),
      { numRuns: 50 },
    );
  });
  // #endregion test-eq1a

  it('each row of ŷ is a probability distribution', () => {
    fc.assert(
      fc.property(problems(), (problem) => {
        const yHat = forward(paramsOf(problem), problem.xs).yHat.toArray() as number[][];
        for (const row of yHat) {
          expect(row.every((p) => p > 0 && p <= 1)).toBe(true);
          // a sum of at most 8 terms in [0, 1]: within 8ε of 1
          expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-15 * 8);
        }
      }),
      { numRuns: 50 },
    );
  });

  // #region test-eq2
  it('loss (2) is the mean cross-entropy per token, N = T', () => {
    fc.assert(
      fc.property(problems(), (problem) => {
        const params = paramsOf(problem);
        const oracle = naiveForward(params, problem.xs, problem.ys);
        expect(maxRelativeError([loss(params, problem.xs, problem.ys)], [oracle.loss], 1)).toBeLessThan(
          ROUNDING,
        );
      }),
      { numRuns: 50 },
    );
  });
  // #endregion test-eq2

  it('loss stays finite when a probability underflows (log-sum-exp)', () => {
    const params = paramsOf({ vocabSize: 2, hiddenSize: 1, xs: [0], ys: [0], seed: 1, scale: 1 });
    params.U.data[0] = 10; // s_0 = tanh(10) ≈ 1
    params.V.data[0] = -500; // q = (−500, 800): ŷ_0 = e^−1300 underflows to 0
    params.V.data[1] = 800;
    // E = log(e^{−500 s} + e^{800 s}) + 500 s = 1300 s + log(1 + e^{−1300 s}), s = tanh(10): the last term is 0
    expect(loss(params, [0], [0])).toBeCloseTo(1300 * Math.tanh(10), 9);
  });

  it('rejects token ids that are not integers in [0, K) with a message that names the position', () => {
    const params = initParams({ vocabSize: 4, hiddenSize: 2, seed: 0 });
    expect(() => forward(params, [0, 4])).toThrow(RnnError);
    expect(() => forward(params, [0, 4])).toThrow(
      'forward: xs[1] is 4, but token ids must be integers in [0, 4)',
    );
    expect(() => forward(params, [-1])).toThrow(/xs\[0\] is -1/);
    expect(() => forward(params, [1.5])).toThrow(/xs\[0\] is 1.5/);
    expect(() => forward(params, [])).toThrow(/empty/);
    expect(() => loss(params, [0], [7])).toThrow(/loss: ys\[0\] is 7/);
    expect(() => loss(params, [0, 1], [0])).toThrow(/ys has 1 targets but xs has 2/);
  });

  it('rejects parameters of inconsistent shapes', () => {
    const params = initParams({ vocabSize: 4, hiddenSize: 2, seed: 0 });
    const wrongV = { ...params, V: initParams({ vocabSize: 3, hiddenSize: 2, seed: 0 }).V };
    expect(() => forward(wrongV, [0])).toThrow(
      /V has shape \[3, 2\] but U is \[2, 4\], so V must be \[4, 2\]/,
    );
  });
});

describe('initParams', () => {
  it('draws every entry within ±1/√(fan-in): U ±1/√K, W and V ±1/√H', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        (K, H, seed) => {
          const { U, W, V } = initParams({ vocabSize: K, hiddenSize: H, seed });
          expect([U.shape, W.shape, V.shape]).toEqual([
            [H, K],
            [H, H],
            [K, H],
          ]);
          const within = (values: Float64Array, bound: number) => values.every((v) => Math.abs(v) <= bound);
          expect(within(U.toFlat(), 1 / Math.sqrt(K))).toBe(true);
          expect(within(W.toFlat(), 1 / Math.sqrt(H))).toBe(true);
          expect(within(V.toFlat(), 1 / Math.sqrt(H))).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('is determined by the seed', () => {
    const a = initParams({ vocabSize: 5, hiddenSize: 4, seed: 11 });
    const b = initParams({ vocabSize: 5, hiddenSize: 4, seed: 11 });
    const c = initParams({ vocabSize: 5, hiddenSize: 4, seed: 12 });
    expect(a.W.toFlat()).toEqual(b.W.toFlat());
    expect(a.W.toFlat()).not.toEqual(c.W.toFlat());
  });

  it('fills the range: the spread of 10 000 draws of U reaches 95% of ±1/√K', () => {
    const { U } = initParams({ vocabSize: 10_000, hiddenSize: 1, seed: 3 });
    const values = U.toFlat();
    // 10 000 uniform draws on ±0.01 all miss the outer 2.5% on one side with probability 0.975^10000 ≈ 1e-110.
    expect(Math.max(...values)).toBeGreaterThan(0.0095);
    expect(Math.min(...values)).toBeLessThan(-0.0095);
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => initParams({ vocabSize: 0, hiddenSize: 2, seed: 0 })).toThrow(
      /vocabSize must be a positive integer/,
    );
    expect(() => initParams({ vocabSize: 2, hiddenSize: 1.5, seed: 0 })).toThrow(/hiddenSize/);
    expect(() => initParams({ vocabSize: 2, hiddenSize: 2, seed: 0.5 })).toThrow(/seed/);
  });
});
