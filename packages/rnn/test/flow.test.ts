// gradientFlow: ‖∂s_t/∂s_r‖ along the Jacobian chain equals the norm of a finite-difference Jacobian.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRADIENT_FLOW_FLOOR, gradientFlow } from '../src/gradients/flow.js';
import { forwardPass } from '../src/model/forward.js';
import type { Params } from '../src/model/params.js';
import { Random } from '../src/random.js';
import { paramsOf, problems } from './math-arbitraries.js';

/**
 * ‖∂s_t/∂s_r‖ by central differences with Richardson extrapolation: the model rerun from s_r ± h e_j over
 * x_{r+1} … x_t, and (4 D(h/2) − D(h)) / 3 per entry, whose error is O(h⁴) rather than O(h²).
 */
function numericalChainNorm(params: Params, xs: readonly number[], states: Float64Array, r: number): number {
  const H = params.W.shape[0] ?? 0;
  const t = xs.length - 1;
  const rest = xs.slice(r + 1, t + 1);
  const column = (j: number, h: number): Float64Array => {
    const at = (sign: number) => {
      const start = states.slice(r * H, (r + 1) * H);
      start[j] = (start[j] as number) + sign * h;
      return forwardPass(params, rest, 'test', start).s.subarray((rest.length - 1) * H);
    };
    const plus = at(1);
    const minus = at(-1);
    return plus.map((p, m) => (p - (minus[m] as number)) / (2 * h));
  };
  let sum = 0;
  for (let j = 0; j < H; j++) {
    const coarse = column(j, 1e-3);
    const fine = column(j, 5e-4);
    for (let m = 0; m < H; m++) sum += ((4 * (fine[m] as number) - (coarse[m] as number)) / 3) ** 2;
  }
  return Math.sqrt(sum);
}

describe('gradientFlow', () => {
  it('norms[t − r] equals ‖∂s_t/∂s_r‖ by central differences, from any incoming state h0', () => {
    fc.assert(
      fc.property(problems(8), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (problem, stateSeed) => {
        fc.pre(problem.xs.length >= 2);
        const params = paramsOf(problem);
        const random = new Random(stateSeed);
        const h0 = Float64Array.from({ length: problem.hiddenSize }, () => random.uniform(-1, 1));
        const { norms, reach } = gradientFlow(params, problem.xs, { h0 });
        const states = forwardPass(params, problem.xs, 'test', h0).s;
        const t = problem.xs.length - 1;
        expect(norms).toHaveLength(t + 1);
        expect(norms[0]).toBeCloseTo(Math.sqrt(problem.hiddenSize), 12);
        for (let d = 1; d <= t; d++) {
          // Richardson's error is O(h⁴ · |s⁽⁵⁾|) = 1e-12 times the fifth derivative (products of up to five of the
          // chain's weights, each ≤ 2, and tanh's derivatives; up to about 1e4 here), rounding ε/h ≈ 1e-12 per
          // entry. Over 3,000 random cases the worst |a − b| / (1 + b) was 1.6e-8: 1e-7 leaves a margin of 6×.
          const numerical = numericalChainNorm(params, problem.xs, states, t - d);
          expect(Math.abs((norms[d] as number) - numerical)).toBeLessThan(1e-7 * (1 + numerical));
        }
        const floor = GRADIENT_FLOW_FLOOR * (norms[0] as number);
        const first = norms.findIndex((n) => n < floor);
        expect(reach).toBe(first === -1 ? null : first);
      }),
    );
  });

  it('shows the gradient vanishing with small weights and reaching the start with large ones', () => {
    const H = 16;
    const xs = Array.from({ length: 40 }, (_, t) => t % 4);
    const scaled = (scale: number) =>
      paramsOf({ vocabSize: 4, hiddenSize: H, xs, ys: xs, seed: 3, scale: scale / Math.sqrt(H) });
    const small = gradientFlow(scaled(0.5), xs);
    expect(small.reach).not.toBeNull();
    expect(small.reach).toBeLessThan(20);
    for (let d = 1; d < small.norms.length; d++)
      expect(small.norms[d]).toBeLessThan((small.norms[d - 1] as number) + 1e-12);
    expect(gradientFlow(scaled(1.5), xs.slice(0, 10)).reach).toBeNull();
  });

  it('equals a plain-loop product of the step Jacobians at H = 48, where the products run in the fast kernels', () => {
    const H = 48;
    const xs = Array.from({ length: 12 }, (_, t) => (t * 5) % 7);
    const params = paramsOf({ vocabSize: 7, hiddenSize: H, xs, ys: xs, seed: 9, scale: 1.2 / Math.sqrt(H) });
    const { gate } = forwardPass(params, xs, 'test');
    const W = params.W.toFlat();
    let chain: number[] = Array.from({ length: H * H }, (_, i) => (i % (H + 1) === 0 ? 1 : 0));
    const expected = [Math.sqrt(H)];
    for (let k = xs.length - 1; k >= 1; k--) {
      // chain ← chain · diag(1 − s_k²) W, by loops
      const next = new Array<number>(H * H).fill(0);
      for (let m = 0; m < H; m++)
        for (let p = 0; p < H; p++) {
          const c = (chain[m * H + p] as number) * (gate[k * H + p] as number);
          for (let n = 0; n < H; n++)
            next[m * H + n] = (next[m * H + n] as number) + c * (W[p * H + n] as number);
        }
      chain = next;
      expected.push(Math.sqrt(chain.reduce((sum, v) => sum + v * v, 0)));
    }
    const { norms } = gradientFlow(params, xs);
    // Sums of 48 products in another order: a few ε relative; 1e-12 leaves a wide margin.
    for (const [d, norm] of norms.entries())
      expect(Math.abs(norm - (expected[d] as number))).toBeLessThan(1e-12 * (expected[0] as number));
  });

  it('is the identity for a sequence of one token', () => {
    const params = paramsOf({ vocabSize: 3, hiddenSize: 4, xs: [0], ys: [0], seed: 1, scale: 1 });
    expect(gradientFlow(params, [2])).toEqual({ norms: [2], reach: null });
  });
});
