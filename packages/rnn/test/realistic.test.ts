// The gradients and the training step at the sizes training uses (H 32–128, T = 25, K of the shipped corpus), where
// every contraction and elementwise pass runs the WebAssembly kernels, against the same oracles as the small tests.

import { readFileSync } from 'node:fs';
import { memoryStats, tensor } from '@rnn/einsum';
import { describe, expect, it } from 'vitest';
import { gradients } from '../src/gradients/gradients.js';
import { maxRelativeError } from '../src/gradients/numerical.js';
import { loss } from '../src/model/loss.js';
import { initParams, type Params } from '../src/model/params.js';
import { DEFAULT_CORPUS_PATH } from '../src/node/corpus.js';
import { Random } from '../src/random.js';
import { buildVocabulary } from '../src/text/vocabulary.js';
import { createBatches } from '../src/training/batches.js';
import { createOptimizer } from '../src/training/optimizers/optimizer.js';
import { createTrainingStep, type TrainingStep } from '../src/training/step.js';
import { batchMean } from './math-arbitraries.js';

const T = 25;
const HIDDEN_SIZES = [32, 64, 128] as const;
const text = readFileSync(DEFAULT_CORPUS_PATH, 'utf8').slice(0, 200_000);
const vocabulary = buildVocabulary(text);
const K = vocabulary.size;
const data = Int32Array.from(vocabulary.encode(text));

/**
 * Parameters as training starts them: initParams' ±1/√fan-in, so that W's spectral radius is about √H·(1/√H)/√3
 * ≈ 0.58 and the Jacobian chain of (21) shrinks rounding differences instead of growing them (with weights three
 * times larger the chain grows them by up to 1.7^T, and the forms below part by 1e-11 on chains of 25 steps).
 */
function paramsFor(H: number, seed: number): Params {
  return initParams({ vocabSize: K, hiddenSize: H, seed });
}

/** B chunks of T tokens from B segments of the corpus at `position` (the trainer's batches): stream-major ids. */
function chunk(B: number, position: number) {
  const batches = createBatches(data, T, B);
  batches.fill(position);
  return { inputs: batches.inputs.slice(), targets: batches.targets.slice() };
}

const flat = (t: { toFlat(): Float64Array | Float32Array }) => Float64Array.from(t.toFlat());
const KEYS = ['dU', 'dW', 'dV'] as const;

function stepFor(
  H: number,
  B: number,
  params: Params,
  precision: 'float64' | 'float32' = 'float64',
): TrainingStep {
  const step = createTrainingStep({ vocabSize: K, hiddenSize: H, seqLength: T, batchSize: B, precision });
  step.load(params);
  return step;
}

// Two evaluation orders of the same sums, as in gradients.test.ts: an entry of dW adds at most T²·H products (bptt
// in its order, the literal form in another; the step groups B·T rows per product), so the two round apart by a
// few hundred to a few thousand ε = 1.1e-16 relative to the terms: about 1e-13 here (1e-14 observed at H = 64).
// Entries are compared relative to max(|a|, |b|, 1e-3), and 1e-11 still leaves 100× margin while a real
// difference (a missing step of the sum, a stream's rows swapped) is 1e-3 or more.
const ROUNDING_FLOOR = 1e-3;
const ROUNDING_TOLERANCE = 1e-11;

describe('gradients() at realistic sizes', () => {
  // Central differences with h = 1e-5 are off by about h²·|L'''|/6 + ε·|L|/h ≈ 1e-10 absolute (see
  // gradients.test.ts); relative to max(|entry|, 1e-4) that is 1e-6 at most, so 1e-4 leaves 100× margin.
  const FD_FLOOR = 1e-4;
  const FD_TOLERANCE = 1e-4;

  /** Central differences of loss() at `count` entries of each parameter, drawn by Random(seed). */
  function sampledDifferences(params: Params, xs: number[], ys: number[], count: number, seed: number) {
    const random = new Random(seed);
    const h = 1e-5;
    return KEYS.map((key, p) => {
      const parameter = [params.U, params.W, params.V][p] as Params['U'];
      const entries = Array.from({ length: count }, () => Math.floor(random.next() * parameter.size));
      const numerical = entries.map((i) => {
        const original = parameter.data[i] as number;
        parameter.data[i] = original + h;
        const up = loss(params, xs, ys);
        parameter.data[i] = original - h;
        const down = loss(params, xs, ys);
        parameter.data[i] = original;
        return (up - down) / (2 * h);
      });
      return { key, entries, numerical };
    });
  }

  for (const H of HIDDEN_SIZES) {
    it(`bptt equals central differences (H = ${H}, T = ${T}, K = ${K}, 60 entries of each parameter)`, () => {
      const seed = 100 + H;
      const params = paramsFor(H, seed);
      const { inputs, targets } = chunk(1, 1000 + H);
      const [xs, ys] = [[...inputs], [...targets]];
      const bptt = gradients(params, xs, ys);
      for (const { key, entries, numerical } of sampledDifferences(params, xs, ys, 60, seed)) {
        const analytic = entries.map((i) => bptt[key].data[i] as number);
        expect(maxRelativeError(analytic, numerical, FD_FLOOR), `${key}, seed ${seed}`).toBeLessThan(
          FD_TOLERANCE,
        );
      }
    });
  }

  // The literal form materialises [T,H,H,H] and [T,H,H,K] tensors: at H = 128 they exceed its 2^24-element guard.
  for (const H of [32, 64] as const) {
    it(`literal equals bptt to rounding (H = ${H}, T = ${T})`, () => {
      const seed = 200 + H;
      const params = paramsFor(H, seed);
      const { inputs, targets } = chunk(1, 5000 + H);
      const literal = gradients(params, [...inputs], [...targets], { method: 'literal' });
      const bptt = gradients(params, [...inputs], [...targets], { method: 'bptt' });
      for (const key of KEYS) {
        const error = maxRelativeError(literal[key].toFlat(), bptt[key].toFlat(), ROUNDING_FLOOR);
        expect(error, `${key}, seed ${seed}`).toBeLessThan(ROUNDING_TOLERANCE);
      }
    });
  }
});

describe('the training step at realistic sizes', () => {
  for (const H of HIDDEN_SIZES) {
    it(`at B = 1 equals gradients(…, 'bptt') and loss() (H = ${H})`, () => {
      const seed = 300 + H;
      const params = paramsFor(H, seed);
      const { inputs, targets } = chunk(1, 9000 + H);
      const step = stepFor(H, 1, params);
      const result = step.run(inputs, targets);
      const expected = gradients(params, [...inputs], [...targets]);
      expect(
        maxRelativeError([result], [loss(params, [...inputs], [...targets])], ROUNDING_FLOOR),
      ).toBeLessThan(ROUNDING_TOLERANCE);
      for (const key of KEYS) {
        const error = maxRelativeError(flat(step.gradients[key]), expected[key].toFlat(), ROUNDING_FLOOR);
        expect(error, `${key}, seed ${seed}`).toBeLessThan(ROUNDING_TOLERANCE);
      }
      step.release();
    });

    it(`at B = 32 equals the mean over its 32 sequences of gradients(…, 'bptt') (H = ${H})`, () => {
      const B = 32;
      const seed = 400 + H;
      const params = paramsFor(H, seed);
      const { inputs, targets } = chunk(B, 50 + H);
      const step = stepFor(H, B, params);
      const result = step.run(inputs, targets);
      // Every sequence has T tokens, so the mean over the B·T tokens is the mean of the B sequence means.
      const sequences = Array.from({ length: B }, (_, b) => ({
        xs: [...inputs.subarray(b * T, (b + 1) * T)],
        ys: [...targets.subarray(b * T, (b + 1) * T)],
      }));
      const mean = batchMean(params, sequences);
      expect(maxRelativeError([result], [mean.loss], ROUNDING_FLOOR)).toBeLessThan(ROUNDING_TOLERANCE);
      for (const key of KEYS) {
        const error = maxRelativeError(flat(step.gradients[key]), mean[key], ROUNDING_FLOOR);
        expect(error, `${key}, seed ${seed}`).toBeLessThan(ROUNDING_TOLERANCE);
      }
      step.release();
    });
  }
});

describe('float32 training against float64', () => {
  // Both steps start from the same parameters (float32 values, so that only the arithmetic differs). In float32
  // each product of the step rounds with u = 2^-24, and an entry of the gradient is reached through sums of at
  // most n = T·(H + K) + B·T terms (the forward recurrence, the logits, the backward recurrence, the last sum):
  // Higham's bound γ_n = n·u/(1 − n·u) relative to the sum of the terms' magnitudes, about 3e-4 at H = 128, B = 32
  // (tanh and exp add a few u). The terms are of the size of the largest entry, so each entry may differ by
  // γ_n · max|g|: the test bounds max|g32 − g64| / max|g64| by that, and the loss (a mean of logs of sums of K
  // exponentials) by the same bound. Observed: at most 4.4e-7 for the gradients, 6e-9 for the loss.
  const bound = (H: number, B: number) => {
    const n = T * (H + K) + B * T;
    const u = 2 ** -24;
    return (n * u) / (1 - n * u);
  };

  for (const H of HIDDEN_SIZES) {
    for (const B of [1, 32]) {
      it(`differs from float64 per step by at most γ_n relative to the gradient's scale (H = ${H}, B = ${B})`, () => {
        const seed = 500 + H + B;
        const wide = paramsFor(H, seed);
        // float32 values held in float64 tensors: both steps load exactly the same numbers
        const exact = (t: Params['U']) => tensor(Float64Array.from(Float32Array.from(t.toFlat())), t.shape);
        const params = { U: exact(wide.U), W: exact(wide.W), V: exact(wide.V) };
        const { inputs, targets } = chunk(B, 700 + H);
        const step64 = stepFor(H, B, params);
        const step32 = stepFor(H, B, params, 'float32');
        expect(step32.params.W.dtype).toBe('float32');
        const loss64 = step64.run(inputs, targets);
        const loss32 = step32.run(inputs, targets);
        expect(Math.abs(loss32 - loss64) / loss64, `loss, seed ${seed}`).toBeLessThan(bound(H, B));
        for (const key of KEYS) {
          const g64 = flat(step64.gradients[key]);
          const g32 = flat(step32.gradients[key]);
          const scale = Math.max(...g64.map(Math.abs));
          const worst = Math.max(...g64.map((x, i) => Math.abs((g32[i] as number) - x)));
          expect(worst / scale, `${key}, seed ${seed}`).toBeLessThan(bound(H, B));
        }
        step64.release();
        step32.release();
      });
    }
  }
});

describe('resident training', () => {
  it('a step and an Adagrad update copy none of U, W, V: no copies, no growth, the same addresses', () => {
    for (const precision of ['float64', 'float32'] as const) {
      const H = 64;
      const B = 32;
      const step = stepFor(H, B, paramsFor(H, 9), precision);
      const { params, gradients: g } = step;
      const optimizer = createOptimizer(
        'adagrad',
        [
          { parameter: params.U, gradient: g.dU },
          { parameter: params.W, gradient: g.dW },
          { parameter: params.V, gradient: g.dV },
        ],
        { learningRate: 0.1, clip: 5, evaluateEvery: 100, halveOnRise: false },
      );
      const addresses = [params.U, params.W, params.V].map((t) => t.byteOffset);
      const { inputs, targets } = chunk(B, 0);
      step.run(inputs, targets); // a first step, outside the count
      optimizer.update();
      const before = memoryStats();
      const W0 = flat(params.W);
      for (let i = 0; i < 10; i++) {
        const { inputs, targets } = chunk(B, (i + 1) * T);
        step.run(inputs, targets);
        optimizer.inspect();
        optimizer.update();
        step.carry();
      }
      const after = memoryStats();
      expect(after.copies - before.copies, precision).toBe(0);
      expect(after.copiedBytes - before.copiedBytes, precision).toBe(0);
      expect(after.grows - before.grows, precision).toBe(0);
      expect([params.U, params.W, params.V].map((t) => t.byteOffset)).toEqual(addresses);
      expect(maxRelativeError(flat(params.W), W0, 1)).toBeGreaterThan(0); // updated, in place
      step.release();
    }
  });
});
