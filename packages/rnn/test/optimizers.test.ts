// Adagrad and SGD updates against values computed by hand, the SGD halving rule, and exact resumption.
import { arena, type FloatArray, Tensor } from '@rnn/einsum';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adagradUpdate, adagradUpdate32 } from '../src/training/optimizers/adagrad.js';
import {
  createOptimizer,
  gradientStatistics,
  type OptimizerName,
  type OptimizerSlot,
} from '../src/training/optimizers/optimizer.js';

const settings = { learningRate: 0.1, clip: 5, evaluateEvery: 2, halveOnRise: true };

/** Slots over plain arrays: the optimizer updates `theta[i]` in place from `g[i]` (the loops run). */
const slots = (theta: readonly Float64Array[], g: readonly Float64Array[]): OptimizerSlot[] =>
  theta.map((t, i) => ({
    parameter: new Tensor(t, [t.length]),
    gradient: new Tensor(g[i] as Float64Array, [t.length]),
  }));

/** Slots over resident tensors holding copies of `theta` and `g` (the WebAssembly kernels run). */
function residentSlots(
  theta: readonly number[][],
  g: readonly number[][],
  dtype: 'float64' | 'float32' = 'float64',
): OptimizerSlot<FloatArray>[] {
  const memory = arena({ name: 'optimizer test' });
  return theta.map((t, i) => ({
    parameter: memory.tensor(t, [t.length], { dtype }),
    gradient: memory.tensor(g[i] as number[], [t.length], { dtype }),
  }));
}

describe('adagrad (min-char-rnn recipe)', () => {
  it('matches two updates computed by hand, clipping entries to ±5', () => {
    const theta = [new Float64Array([1, -2, 0.5])];
    const g = [new Float64Array([0.5, 10, -0.1])];
    const adagrad = createOptimizer('adagrad', slots(theta, g), settings);
    adagrad.update();
    // memory = [0.25, 25, 0.01] (10 clipped to 5); θ −= 0.1 · g / √memory = [0.1, 0.1, −0.1]
    // The 1e-8 under the root moves each entry by at most 0.1 · 1e-8 / (2 · 0.01) = 5e-8: tolerance 1e-7.
    expectClose(theta[0], [0.9, -2.1, 0.6], 1e-7);
    adagrad.update();
    // memory = [0.5, 50, 0.02]; θ −= 0.1 · [0.5/√0.5, 5/√50, −0.1/√0.02] = [0.0707107, 0.0707107, −0.0707107]
    expectClose(theta[0], [0.8292893219, -2.1707106781, 0.6707106781], 1e-7);
    expectClose(adagrad.state().memory[0] as Float64Array, [0.5, 50, 0.02], 1e-15);
  });
});

describe('adagrad in WebAssembly SIMD', () => {
  const entry = fc.double({ min: -20, max: 20, noNaN: true });
  const parameterSets = fc.array(fc.array(entry, { minLength: 1, maxLength: 9 }), {
    minLength: 1,
    maxLength: 3,
  });
  const gradientsOf = (initial: number[][], step: number) =>
    initial.map((p) => Float64Array.from(p, (x, i) => Math.sin(x * (step + 1) + i) * 7));

  it('equals the scalar JavaScript update bit for bit, odd lengths and clipped entries included', () => {
    fc.assert(
      fc.property(parameterSets, fc.integer({ min: 1, max: 4 }), (initial, steps) => {
        const resident = residentSlots(initial, initial);
        const kernel = createOptimizer('adagrad', resident, settings);
        const theta = initial.map((p) => Float64Array.from(p));
        const memory = initial.map((p) => new Float64Array(p.length));
        for (let step = 0; step < steps; step++) {
          const gradients = gradientsOf(initial, step);
          for (const [i, { gradient }] of resident.entries()) gradient.data.set(gradients[i] as Float64Array);
          kernel.update();
          for (const [i, t] of theta.entries()) {
            adagradUpdate(t, gradients[i] as Float64Array, memory[i] as Float64Array, 0.1, 5);
          }
        }
        // Same operations in the same order on IEEE doubles: equal bits, compared as exact numbers.
        expect(resident.map(({ parameter }) => [...parameter.data])).toStrictEqual(theta.map((t) => [...t]));
        expect(kernel.state().memory.map((m) => [...m])).toStrictEqual(memory.map((m) => [...m]));
      }),
    );
  });

  it('in float32 equals the float32 loop (every operation rounded to float32) bit for bit', () => {
    fc.assert(
      fc.property(parameterSets, fc.integer({ min: 1, max: 4 }), (initial, steps) => {
        const resident = residentSlots(initial, initial, 'float32');
        const kernel = createOptimizer('adagrad', resident, settings);
        const theta = initial.map((p) => Float32Array.from(p));
        const memory = initial.map((p) => new Float32Array(p.length));
        for (let step = 0; step < steps; step++) {
          const gradients = gradientsOf(initial, step).map((g) => Float32Array.from(g));
          for (const [i, { gradient }] of resident.entries()) gradient.data.set(gradients[i] as Float32Array);
          kernel.update();
          for (const [i, t] of theta.entries()) {
            adagradUpdate32(t, gradients[i] as Float32Array, memory[i] as Float32Array, 0.1, 5);
          }
        }
        expect(resident.map(({ parameter }) => [...parameter.data])).toStrictEqual(theta.map((t) => [...t]));
        expect(kernel.state().memory.map((m) => [...m])).toStrictEqual(memory.map((m) => [...m]));
      }),
    );
  });
});

describe('sgd (the tutorial, with halving)', () => {
  it('subtracts the learning rate times the clipped gradient', () => {
    const theta = [new Float64Array([1, 2]), new Float64Array([3])];
    const g = [new Float64Array([1, -7]), new Float64Array([0.5])];
    createOptimizer('sgd', slots(theta, g), settings).update();
    // [1 − 0.1, 2 + 0.1 · 5], [3 − 0.05]; tolerance: two roundings of numbers below 4.
    expectClose(theta[0], [0.9, 2.5], 1e-15);
    expectClose(theta[1], [2.95], 1e-15);
  });

  it('halves the learning rate when an evaluation window’s mean loss rises, and only then', () => {
    const sgd = createOptimizer('sgd', slots([new Float64Array(1)], [new Float64Array(1)]), settings);
    const rates = [3, 3, 4, 4, 2, 2, 2.5, 1.5].map((loss) => {
      sgd.observeLoss(loss);
      return sgd.learningRate;
    });
    // windows: mean 3 (first, no comparison), 4 (rose: halve), 2 (fell), 2 (equal: keep)
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05]);
  });

  it('never halves when halveOnRise is off', () => {
    const none = slots([new Float64Array(1)], [new Float64Array(1)]);
    const sgd = createOptimizer('sgd', none, { ...settings, halveOnRise: false });
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
          const ga = [new Float64Array(3)];
          const gb = [new Float64Array(3)];
          const original = createOptimizer(name, slots(a, ga), settings);
          let other = createOptimizer(name, slots(b, gb), settings);
          gradients.forEach((g, i) => {
            if (i === cut) other = createOptimizer(name, slots(b, gb), settings, other.state());
            ga[0]?.set(g);
            gb[0]?.set(g);
            original.update();
            original.observeLoss(i);
            other.update();
            other.observeLoss(i);
          });
          expect(b[0]).toEqual(a[0]);
          expect(other.state()).toEqual(original.state());
        },
      ),
    );
  });

  it('rejects bad settings', () => {
    const one = slots([new Float64Array(1)], [new Float64Array(1)]);
    expect(() => createOptimizer('adam' as OptimizerName, one, settings)).toThrow(/'adagrad' or 'sgd'/);
    expect(() => createOptimizer('sgd', one, { ...settings, learningRate: 0 })).toThrow(/learningRate/);
    const mismatched = [
      { parameter: new Tensor(new Float64Array(2), [2]), gradient: new Tensor(new Float64Array(3), [3]) },
    ];
    expect(() => createOptimizer('sgd', mismatched, settings)).toThrow(/does not match its parameter/);
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
          const theta = gradients.map((g) => [...g].fill(0));
          for (const name of ['adagrad', 'sgd'] as const) {
            const resident = residentSlots(
              theta,
              gradients.map((g) => [...g]),
            );
            const actual = createOptimizer(name, resident, settings).inspect();
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

  it('reads the gradients that the next update applies, and changes nothing', () => {
    const [slot] = residentSlots([[1, 1]], [[2, -9]]);
    const adagrad = createOptimizer('adagrad', [slot as OptimizerSlot], settings);
    expect(adagrad.inspect()).toEqual({ gradNorm: Math.sqrt(85), clipped: true });
    expect([...(slot?.gradient.data ?? [])]).toEqual([2, -9]);
    adagrad.update();
    // g / √(g² + 1e−8) = ±1 up to 1e−8 / (2g²) ≤ 1.3e−9: θ moves by ±0.1 (9 clipped to 5 first).
    expectClose(Float64Array.from(slot?.parameter.data ?? []), [0.9, 1.1], 1e-9);
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
