// Adagrad and SGD updates against values computed by hand, the SGD halving rule, and exact resumption.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAdagradKernel } from '../src/training/adagrad-wasm.js';
import {
  adagradUpdate,
  createOptimizer,
  gradientStatistics,
  type OptimizerName,
} from '../src/training/optimizers.js';

const settings = { learningRate: 0.1, clip: 5, evaluateEvery: 2, halveOnRise: true };

describe('adagrad (min-char-rnn recipe)', () => {
  it('matches two updates computed by hand, clipping entries to ±5', () => {
    const theta = [new Float64Array([1, -2, 0.5])];
    const g = [new Float64Array([0.5, 10, -0.1])];
    const adagrad = createOptimizer('adagrad', [3], settings);
    adagrad.update(theta, g);
    // memory = [0.25, 25, 0.01] (10 clipped to 5); θ −= 0.1 · g / √memory = [0.1, 0.1, −0.1]
    // The 1e-8 under the root moves each entry by at most 0.1 · 1e-8 / (2 · 0.01) = 5e-8: tolerance 1e-7.
    expectClose(theta[0], [0.9, -2.1, 0.6], 1e-7);
    adagrad.update(theta, g);
    // memory = [0.5, 50, 0.02]; θ −= 0.1 · [0.5/√0.5, 5/√50, −0.1/√0.02] = [0.0707107, 0.0707107, −0.0707107]
    expectClose(theta[0], [0.8292893219, -2.1707106781, 0.6707106781], 1e-7);
    expectClose(adagrad.state().memory[0] as Float64Array, [0.5, 50, 0.02], 1e-15);
  });
});

describe('adagrad in WebAssembly SIMD', () => {
  it('equals the scalar JavaScript update bit for bit, odd lengths and clipped entries included', () => {
    const entry = fc.double({ min: -20, max: 20, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.array(entry, { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        (initial, steps) => {
          const kernel = createAdagradKernel(initial.map((p) => p.length));
          expect(kernel).toBeDefined();
          const theta = initial.map((p) => Float64Array.from(p));
          const memory = initial.map((p) => new Float64Array(p.length));
          for (const [i, view] of (kernel?.parameters ?? []).entries()) view.set(theta[i] ?? []);
          for (let step = 0; step < steps; step++) {
            const gradients = initial.map((p) =>
              Float64Array.from(p, (x, i) => Math.sin(x * (step + 1) + i) * 7),
            );
            kernel?.load(gradients);
            kernel?.update(0.1, 5);
            for (const [i, t] of theta.entries()) {
              adagradUpdate(t, gradients[i] as Float64Array, memory[i] as Float64Array, 0.1, 5);
            }
          }
          // Same operations in the same order on IEEE doubles: equal bits, compared as exact numbers.
          expect(kernel?.parameters.map((v) => [...v])).toStrictEqual(theta.map((t) => [...t]));
          expect(kernel?.memory.map((v) => [...v])).toStrictEqual(memory.map((m) => [...m]));
        },
      ),
    );
  });
});

describe('sgd (the tutorial, with halving)', () => {
  it('subtracts the learning rate times the clipped gradient', () => {
    const theta = [new Float64Array([1, 2]), new Float64Array([3])];
    createOptimizer('sgd', [2, 1], settings).update(theta, [
      new Float64Array([1, -7]),
      new Float64Array([0.5]),
    ]);
    // [1 − 0.1, 2 + 0.1 · 5], [3 − 0.05]; tolerance: two roundings of numbers below 4.
    expectClose(theta[0], [0.9, 2.5], 1e-15);
    expectClose(theta[1], [2.95], 1e-15);
  });

  it('halves the learning rate when an evaluation window’s mean loss rises, and only then', () => {
    const sgd = createOptimizer('sgd', [1], settings);
    const rates = [3, 3, 4, 4, 2, 2, 2.5, 1.5].map((loss) => {
      sgd.observeLoss(loss);
      return sgd.learningRate;
    });
    // windows: mean 3 (first, no comparison), 4 (rose: halve), 2 (fell), 2 (equal: keep)
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05]);
  });

  it('never halves when halveOnRise is off', () => {
    const sgd = createOptimizer('sgd', [1], { ...settings, halveOnRise: false });
    for (const loss of [1, 2, 3, 4, 5, 6]) sgd.observeLoss(loss);
    expect(sgd.learningRate).toBe(0.1);
  });
});

describe('optimizer state', () => {
  it('an optimizer rebuilt from its state continues bit for bit like the original', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OptimizerName>('adagrad', 'sgd'),
        fc.array(fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: 3, maxLength: 3 }), {
          minLength: 2,
          maxLength: 6,
        }),
        fc.nat({ max: 5 }),
        (name, gradients, split) => {
          const cut = Math.min(split, gradients.length);
          const a = [new Float64Array([0.3, -0.2, 0.1])];
          const b = [new Float64Array([0.3, -0.2, 0.1])];
          const original = createOptimizer(name, [3], settings);
          let other = createOptimizer(name, [3], settings);
          gradients.forEach((g, i) => {
            if (i === cut) other = createOptimizer(name, [3], settings, other.state());
            original.update(a, [Float64Array.from(g)]);
            original.observeLoss(i);
            other.update(b, [Float64Array.from(g)]);
            other.observeLoss(i);
          });
          expect(b[0]).toEqual(a[0]);
          expect(other.state()).toEqual(original.state());
        },
      ),
    );
  });

  it('rejects bad settings', () => {
    expect(() => createOptimizer('adam' as OptimizerName, [1], settings)).toThrow(/'adagrad' or 'sgd'/);
    expect(() => createOptimizer('sgd', [1], { ...settings, learningRate: 0 })).toThrow(/learningRate/);
  });
});

describe('inspect', () => {
  it('gives the same norm (to rounding) and clipped flag from the kernel as gradientStatistics', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -9, max: 9, noNaN: true }), { minLength: 1, maxLength: 11 }),
        (entries) => {
          const gradients = [Float64Array.from(entries), Float64Array.of(0.5)];
          const expected = gradientStatistics(gradients, 5);
          for (const name of ['adagrad', 'sgd'] as const) {
            const actual = createOptimizer(name, [entries.length, 1], settings).inspect(gradients);
            expect(actual.clipped).toBe(expected.clipped);
            // Two-lane sums round differently from one running sum: within a few ulps of the total.
            expect(Math.abs(actual.gradNorm - expected.gradNorm)).toBeLessThanOrEqual(
              1e-14 * expected.gradNorm,
            );
          }
        },
      ),
    );
  });

  it('stages the gradients that the next update applies', () => {
    const theta = [Float64Array.of(1, 1)];
    const adagrad = createOptimizer('adagrad', [2], settings);
    adagrad.inspect([Float64Array.of(2, -9)]);
    adagrad.update(theta, [Float64Array.of(2, -9)]);
    // g / √(g² + 1e−8) = ±1 up to 1e−8 / (2g²) ≤ 1.3e−9: θ moves by ±0.1 (9 clipped to 5 first).
    expectClose(theta[0], [0.9, 1.1], 1e-9);
  });
});

describe('gradientStatistics', () => {
  it('gives the joint Euclidean norm and whether any entry exceeds the clip', () => {
    expect(gradientStatistics([new Float64Array([3]), new Float64Array([-4])], 5)).toEqual({
      gradNorm: 5,
      clipped: false,
    });
    expect(gradientStatistics([new Float64Array([0, -5.5])], 5)).toEqual({ gradNorm: 5.5, clipped: true });
  });
});

function expectClose(actual: Float64Array | undefined, expected: readonly number[], tolerance: number): void {
  expect(actual).toBeDefined();
  expected.forEach((value, i) => {
    expect(Math.abs((actual?.[i] ?? Number.NaN) - value), `entry ${i}`).toBeLessThanOrEqual(tolerance);
  });
}
