// Tests of createTrainingStep, the batched hot path: it must equal gradients(…, 'bptt') sequence by sequence.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RnnError } from '../src/errors.js';
import { gradients } from '../src/gradients/gradients.js';
import { maxRelativeError } from '../src/gradients/numerical.js';
import { forward } from '../src/model/forward.js';
import { loss } from '../src/model/loss.js';
import type { Params } from '../src/model/params.js';
import { nextTokenModel } from '../src/sampling/next-token.js';
import { createTrainingStep, type TrainingStepShape } from '../src/training/step.js';
import { batchMean, paramsOf, problems } from './math-arbitraries.js';

/** A float64 training step for `shape` holding `params`. */
function stepWith(shape: TrainingStepShape, params: Params) {
  const step = createTrainingStep(shape);
  step.load(params);
  return step;
}
const flat = (t: { toFlat(): Float64Array | Float32Array }) => Float64Array.from(t.toFlat());

// Same sums as gradients(…, 'bptt'), grouped differently (rows of several sequences in one contraction, the
// mean over B taken inside): a few hundred ε relative to the terms, as in gradients.test.ts. Entries are
// compared relative to max(|a|, |b|, 1e-3); 1e-11 leaves a wide margin over rounding.
const FLOOR = 1e-3;
const TOLERANCE = 1e-11;

const batches = fc.integer({ min: 1, max: 4 }).chain((B) =>
  problems().chain((first) =>
    fc.record({
      problem: fc.constant(first),
      // B − 1 more sequences of the same length over the same vocabulary
      rest: fc.array(
        fc.record({
          xs: fc.array(fc.integer({ min: 0, max: first.vocabSize - 1 }), {
            minLength: first.xs.length,
            maxLength: first.xs.length,
          }),
          ys: fc.array(fc.integer({ min: 0, max: first.vocabSize - 1 }), {
            minLength: first.xs.length,
            maxLength: first.xs.length,
          }),
        }),
        { minLength: B - 1, maxLength: B - 1 },
      ),
      truncate: fc.option(fc.nat(8), { nil: undefined }),
    }),
  ),
);

describe('createTrainingStep', () => {
  it('with B = 1 equals gradients(…, bptt) and loss(), and `last` is the last hidden state', () => {
    fc.assert(
      fc.property(problems(), fc.option(fc.nat(8), { nil: undefined }), (problem, truncate) => {
        const { vocabSize: K, hiddenSize: H, xs, ys } = problem;
        const params = paramsOf(problem);
        const step = stepWith(
          { vocabSize: K, hiddenSize: H, seqLength: xs.length, batchSize: 1, truncate },
          params,
        );
        const result = step.run(Int32Array.from(xs), Int32Array.from(ys));
        const expected = gradients(params, xs, ys, { method: 'bptt', truncate });
        expect(maxRelativeError([result], [loss(params, xs, ys)], FLOOR)).toBeLessThan(TOLERANCE);
        expect(maxRelativeError(flat(step.gradients.dU), expected.dU.toFlat(), FLOOR)).toBeLessThan(
          TOLERANCE,
        );
        expect(maxRelativeError(flat(step.gradients.dW), expected.dW.toFlat(), FLOOR)).toBeLessThan(
          TOLERANCE,
        );
        expect(maxRelativeError(flat(step.gradients.dV), expected.dV.toFlat(), FLOOR)).toBeLessThan(
          TOLERANCE,
        );
        const s = forward(params, xs).s.toFlat();
        expect(maxRelativeError(flat(step.last), s.subarray((xs.length - 1) * H), FLOOR)).toBeLessThan(
          TOLERANCE,
        );
        step.release();
      }),
      { numRuns: 40 },
    );
  });

  it('with B > 1 equals the mean over the sequences of gradients(…, bptt) (every sequence has T tokens)', () => {
    fc.assert(
      fc.property(batches, ({ problem, rest, truncate }) => {
        const { vocabSize: K, hiddenSize: H } = problem;
        const sequences = [{ xs: problem.xs, ys: problem.ys }, ...rest];
        const B = sequences.length;
        const T = problem.xs.length;
        const params = paramsOf(problem);
        const step = stepWith({ vocabSize: K, hiddenSize: H, seqLength: T, batchSize: B, truncate }, params);
        const inputs = Int32Array.from(sequences.flatMap((sequence) => sequence.xs));
        const targets = Int32Array.from(sequences.flatMap((sequence) => sequence.ys));
        const result = step.run(inputs, targets);
        // N = B·T tokens, T per sequence: the batch mean weights each sequence's mean by T / N = 1 / B.
        const mean = batchMean(params, sequences, truncate);
        expect(maxRelativeError([result], [mean.loss], FLOOR)).toBeLessThan(TOLERANCE);
        for (const key of ['dU', 'dW', 'dV'] as const) {
          expect(maxRelativeError(flat(step.gradients[key]), mean[key], FLOOR)).toBeLessThan(TOLERANCE);
        }
        step.release();
      }),
      { numRuns: 30 },
    );
  });

  it('carrying `last` into the next chunk continues the sequence: losses add up to the whole loss', () => {
    fc.assert(
      fc.property(problems(4), problems(4), (first, second) => {
        const { vocabSize: K, hiddenSize: H } = first;
        const xs2 = second.xs.map((x) => x % K);
        const ys2 = second.ys.map((y) => y % K);
        const params = paramsOf(first);
        const T1 = first.xs.length;
        const T2 = xs2.length;
        const chunk1 = stepWith({ vocabSize: K, hiddenSize: H, seqLength: T1, batchSize: 1 }, params);
        const chunk2 = stepWith({ vocabSize: K, hiddenSize: H, seqLength: T2, batchSize: 1 }, params);
        const lossA = chunk1.run(Int32Array.from(first.xs), Int32Array.from(first.ys));
        chunk1.carry();
        chunk2.hidden.data.set(chunk1.hidden.toFlat());
        const lossB = chunk2.run(Int32Array.from(xs2), Int32Array.from(ys2));
        const whole = loss(params, [...first.xs, ...xs2], [...first.ys, ...ys2]);
        // (2) is a mean: T1·L1 + T2·L2 = (T1 + T2)·L over the concatenated sequence
        expect(maxRelativeError([T1 * lossA + T2 * lossB], [(T1 + T2) * whole], FLOOR)).toBeLessThan(
          TOLERANCE,
        );
        chunk1.release();
        chunk2.release();
      }),
      { numRuns: 25 },
    );
  });

  it('nextTokenModel() advances h like (1a) and writes softmax(V h / temperature)', () => {
    fc.assert(
      fc.property(problems(), fc.constantFrom(0.5, 1, 2), (problem, temperature) => {
        const { vocabSize: K, hiddenSize: H, xs } = problem;
        const params = paramsOf(problem);
        const model = nextTokenModel(params);
        const probs = new Float64Array(K);
        for (const x of xs) model.feed(x);
        model.distribution(probs, temperature);
        const h = model.hidden;
        const { s, yHat } = forward(params, xs);
        const T = xs.length;
        expect(maxRelativeError(h, s.toFlat().subarray((T - 1) * H), FLOOR)).toBeLessThan(TOLERANCE);
        // softmax(q / τ) ∝ ŷ^(1/τ)
        const last = yHat.toFlat().subarray((T - 1) * K);
        const powered = last.map((p) => p ** (1 / temperature));
        const total = powered.reduce((sum, p) => sum + p, 0);
        // the powers lose relative accuracy when ŷ is tiny: compare to 1e-9, far below any real difference
        expect(
          maxRelativeError(
            probs,
            powered.map((p) => p / total),
            1e-6,
          ),
        ).toBeLessThan(1e-9);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects bad shapes and inputs with RnnError', () => {
    const params = paramsOf({ vocabSize: 3, hiddenSize: 2, xs: [0], ys: [0], seed: 1, scale: 1 });
    expect(() => createTrainingStep({ vocabSize: 3, hiddenSize: 0, seqLength: 2, batchSize: 1 })).toThrow(
      /hiddenSize must be a positive integer/,
    );
    expect(() =>
      createTrainingStep({ vocabSize: 3, hiddenSize: 2, seqLength: 2, batchSize: 1, truncate: -1 }),
    ).toThrow(RnnError);
    expect(() =>
      createTrainingStep({
        vocabSize: 3,
        hiddenSize: 2,
        seqLength: 2,
        batchSize: 1,
        precision: 'float16' as 'float32',
      }),
    ).toThrow(/precision must be 'float64' or 'float32'/);
    const step = stepWith({ vocabSize: 3, hiddenSize: 2, seqLength: 2, batchSize: 2 }, params);
    expect(() => step.run(Int32Array.of(0, 1, 2, 3), Int32Array.of(0, 0, 0, 0))).toThrow(
      'run: inputs[3] is 3, not a token id in [0, 3)',
    );
    expect(() => step.run(Int32Array.of(0, 1, 2), Int32Array.of(0, 0, 0))).toThrow(/B·T = 4/);
    expect(() => step.run(Int32Array.of(0, 1, 2, 0), Int32Array.of(0, -1, 0, 0))).toThrow(
      /targets\[1\] is -1/,
    );
    const other = paramsOf({ vocabSize: 4, hiddenSize: 2, xs: [0], ys: [0], seed: 1, scale: 1 });
    expect(() => step.load(other)).toThrow(/U has shape \[2, 4\] but this model was made for \[2, 3\]/);
    const model = nextTokenModel(params);
    expect(() => model.feed(3)).toThrow(/token 3/);
    expect(() => model.distribution(new Float64Array(3), 0)).toThrow(/temperature/);
  });
});
