// Shared fast-check generators of the rnn-math tests (small random RNN problems: K 2–8, H 1–6, T 1–8) and oracles.

import { tensor } from '@rnn/einsum';
import fc from 'fast-check';
import { gradients } from '../src/gradients/gradients.js';
import { loss } from '../src/model/loss.js';
import type { Params } from '../src/model/params.js';
import { Random } from '../src/random.js';

/** A random problem: sizes, a seed for the parameters, their scale, inputs xs and targets ys. */
export interface Problem {
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  readonly seed: number;
  /** weights are uniform in ±scale: 0.3 keeps tanh nearly linear, 2 saturates it */
  readonly scale: number;
}

/** Problems over vocabulary 2–8, hidden 1–6, length 1–`maxLength` (default 8). */
export function problems(maxLength = 8): fc.Arbitrary<Problem> {
  return fc
    .record({
      vocabSize: fc.integer({ min: 2, max: 8 }),
      hiddenSize: fc.integer({ min: 1, max: 6 }),
      length: fc.integer({ min: 1, max: maxLength }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      scale: fc.constantFrom(0.3, 1, 2),
    })
    .chain(({ vocabSize, hiddenSize, length, seed, scale }) => {
      const tokens = fc.array(fc.integer({ min: 0, max: vocabSize - 1 }), {
        minLength: length,
        maxLength: length,
      });
      return fc.record({
        vocabSize: fc.constant(vocabSize),
        hiddenSize: fc.constant(hiddenSize),
        xs: tokens,
        ys: tokens,
        seed: fc.constant(seed),
        scale: fc.constant(scale),
      });
    });
}

/** Parameters of a problem: every entry uniform in ±scale, drawn by Random(seed) in the order U, W, V. */
export function paramsOf(problem: Problem): Params {
  const { vocabSize: K, hiddenSize: H, seed, scale } = problem;
  const random = new Random(seed);
  const matrix = (rows: number, columns: number) =>
    tensor(
      Float64Array.from({ length: rows * columns }, () => random.uniform(-scale, scale)),
      [rows, columns],
    );
  return { U: matrix(H, K), W: matrix(H, H), V: matrix(K, H) };
}

/**
 * The mean over `sequences` (each of the same length) of loss() and gradients(…, 'bptt'): what a training step
 * over them as one batch must give, since the mean over all their tokens weights each sequence's mean equally.
 */
export function batchMean(
  params: Params,
  sequences: readonly { readonly xs: readonly number[]; readonly ys: readonly number[] }[],
  truncate?: number,
): { loss: number; dU: Float64Array; dW: Float64Array; dV: Float64Array } {
  const [H = 0, K = 0] = params.U.shape;
  const mean = {
    loss: 0,
    dU: new Float64Array(H * K),
    dW: new Float64Array(H * H),
    dV: new Float64Array(K * H),
  };
  const B = sequences.length;
  for (const { xs, ys } of sequences) {
    mean.loss += loss(params, xs, ys) / B;
    const g = gradients(params, xs, ys, truncate === undefined ? {} : { truncate });
    for (const key of ['dU', 'dW', 'dV'] as const) {
      const values = g[key].toFlat();
      for (let i = 0; i < values.length; i++)
        mean[key][i] = (mean[key][i] as number) + (values[i] as number) / B;
    }
  }
  return mean;
}
