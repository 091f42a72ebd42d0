// Validation in train(): the held-out split, eval events against the reference loss, the best model, resume.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../src/checkpoint/checkpoint.js';
import { checkpointFromJson, checkpointToJson } from '../src/checkpoint/json.js';
import { loss } from '../src/model/loss.js';
import { DEFAULT_CORPUS_PATH } from '../src/node/corpus.js';
import { paramsOf } from '../src/sampling/sample-text.js';
import { buildVocabulary } from '../src/text/vocabulary.js';
import type { EvalEvent, TrainEvent } from '../src/training/events.js';
import type { TrainOptions } from '../src/training/train-options.js';
import { createTrainer, train } from '../src/training/trainer.js';
import { MAX_EVAL_TOKENS, splitValidation } from '../src/training/validation.js';
import { collect } from './train-events.js';

const text = readFileSync(DEFAULT_CORPUS_PATH, 'utf8').slice(0, 4000);

const evalsOf = (events: TrainEvent[]) => events.flatMap((e) => (e.type === 'eval' ? [e] : []));
const failure = (options: TrainOptions): string => {
  try {
    createTrainer(options);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('splitValidation', () => {
  const ids = Int32Array.from({ length: 1000 }, (_, i) => i % 13);
  const split = (fraction: number, optional = false, seqLength = 25, batchSize = 1) =>
    splitValidation(ids, { fraction, optional, seqLength, batchSize });

  it('holds out the last ⌊n · fraction⌋ tokens and scores all of them up to the cap', () => {
    const s = split(0.05);
    expect([s.training.length, s.heldOut, s.sample.length, s.fraction]).toEqual([950, 50, 50, 0.05]);
    expect([...s.sample]).toEqual([...ids.subarray(950)]);
    expect(split(0).heldOut).toBe(0);
    const long = splitValidation(new Int32Array(500_000), {
      fraction: 0.1,
      optional: false,
      seqLength: 5,
      batchSize: 1,
    });
    expect(long.heldOut).toBe(50_000);
    expect(long.sample.length).toBe(MAX_EVAL_TOKENS + 1); // 20,000 predictions
  });

  it('needs one sequence on either side: a required split throws, an optional one is left out and says so', () => {
    expect(() => split(0.02)).toThrow(
      'the text has 1000 tokens: holding out 2% leaves 980 for training and 20 for validation, but training needs batchSize × seqLength + 1 = 26 and validation seqLength + 1 = 26',
    );
    expect(() => split(0.5, false, 25, 30)).toThrow(/training needs batchSize × seqLength \+ 1 = 751/);
    const skipped = split(0.02, true);
    expect([skipped.heldOut, skipped.training.length, skipped.fraction]).toEqual([0, 1000, 0]);
    expect(skipped.notice).toMatch(
      /^no validation split: the text has 1000 tokens: .*; training on the whole text$/,
    );
    for (const bad of [1, -0.1, Number.NaN])
      expect(() => split(bad)).toThrow(/validationFraction must be a number in \[0, 1\)/);
  });
});

describe('train with validation', () => {
  const options: TrainOptions = {
    text,
    hiddenSize: 24,
    seqLength: 10,
    steps: 250,
    sampleEvery: 0,
    validationFraction: 0.1,
    validateEvery: 100,
  };

  it('scores the held-out end of the text every validateEvery steps and at the last, with the reference loss', async () => {
    const trainer = createTrainer(options);
    const ids = buildVocabulary(text).encode(text);
    const heldOut = ids.slice(ids.length - 400);
    const checked: number[] = [];
    const events: TrainEvent[] = [];
    for await (const event of trainer.run()) {
      events.push(event);
      if (event.type !== 'eval') continue;
      // The oracle: equation (2) over the held-out tokens with the parameters of this moment.
      const expected = loss(paramsOf(trainer.checkpoint()), heldOut.slice(0, -1), heldOut.slice(1));
      expect(Math.abs(event.valLoss - expected)).toBeLessThan(1e-11 * expected);
      checked.push(event.step);
    }
    expect(events[0]).toMatchObject({ type: 'start', tokens: 4000, validationTokens: 400, evalTokens: 399 });
    expect(checked).toEqual([100, 200, 250]);
    const evals = evalsOf(events);
    for (const e of evals) {
      expect(e.valBitsPerToken).toBeCloseTo(e.valLoss / Math.LN2, 12);
      expect(e.tokens).toBe(399);
    }
    expect((evals[0] as EvalEvent).valLoss).toBeLessThan(Math.log(buildVocabulary(text).size));
    // The best so far is the running minimum, and the best checkpoint is the model of that step.
    let best = Number.POSITIVE_INFINITY;
    for (const e of evals) {
      expect(e.improved).toBe(e.valLoss < best);
      best = Math.min(best, e.valLoss);
      expect(e.bestValLoss).toBe(best);
    }
    const bestStep = evals.find((e) => e.valLoss === best)?.step;
    expect(trainer.bestCheckpoint()?.progress.step).toBe(bestStep);
    expect(trainer.checkpoint().validation).toEqual({
      fraction: 0.1,
      tokens: 400,
      step: 250,
      loss: evals.at(-1)?.valLoss,
      bestStep,
      bestLoss: best,
    });
  });

  it('cuts the held-out part before the text is split into streams: training never reads it', async () => {
    // x, y, z occur only in the last 5% of the text: their columns of U get no gradient unless it is read.
    const tail = 'ab'.repeat(300) + 'xyz'.repeat(5);
    const columnsOf = async (fraction: number) => {
      const trainer = createTrainer({
        text: tail,
        hiddenSize: 4,
        seqLength: 5,
        batchSize: 3,
        steps: 120,
        validationFraction: fraction,
      });
      const before = trainer.checkpoint().parameters.U.slice();
      for await (const _ of trainer.run());
      const after = trainer.checkpoint().parameters.U;
      const K = 5; // a, b, x, y, z
      return [0, 1, 2, 3, 4].map((k) => [0, 1, 2, 3].some((h) => after[h * K + k] !== before[h * K + k]));
    };
    expect(await columnsOf(0.05)).toEqual([true, true, false, false, false]);
    expect(await columnsOf(0)).toEqual([true, true, true, true, true]);
  });

  it('continues a run bit for bit across save and resume, best included, and refuses another split', async () => {
    const whole = await collect(train({ ...options, steps: 300 }));
    const first = createTrainer({ ...options, steps: 150 });
    const before = await collect(first.run());
    const saved: Checkpoint = checkpointFromJson(checkpointToJson(first.checkpoint()));
    const after = await collect(
      train({ text, resume: saved, steps: 150, sampleEvery: 0, validateEvery: 100 }),
    );
    const trace = (events: TrainEvent[]) =>
      events.flatMap((e) =>
        e.type === 'step'
          ? [[e.step, e.loss]]
          : e.type === 'eval' && e.step % 100 === 0
            ? [[e.step, e.valLoss, e.bestValLoss]]
            : [],
      );
    expect(trace([...before, ...after])).toEqual(trace(whole));
    expect(after[0]).toMatchObject({ validationTokens: 400, bestStep: saved.validation?.bestStep });
    expect(failure({ text, resume: saved, validationFraction: 0.2 })).toMatch(
      /resume: validationFraction 0.2 contradicts the checkpoint's 0.1/,
    );
  });

  it('leaves evaluations and gradient-flow measurements out of the training time that rates are made from', async () => {
    const events = await collect(
      train({ ...options, steps: 300, validateEvery: 50, gradientFlowEverySeconds: 1e-3 }),
    );
    const aside = events.reduce(
      (sum, e) => sum + (e.type === 'eval' || e.type === 'gradient-flow' ? e.seconds : 0),
      0,
    );
    const last = events.filter((e) => e.type === 'step').at(-1);
    expect(aside).toBeGreaterThan(0);
    // The last step event comes before its step's evaluation: compare with what was set aside until then.
    const before = events.slice(0, events.indexOf(last as TrainEvent));
    const asideBefore = before.reduce(
      (sum, e) => sum + (e.type === 'eval' || e.type === 'gradient-flow' ? e.seconds : 0),
      0,
    );
    // 1e-9 s: rounding of sums of a few hundred millisecond figures.
    expect(
      Math.abs((last?.type === 'step' ? last.elapsedSeconds - last.trainingSeconds : 0) - asideBefore),
    ).toBeLessThan(1e-9);
  });

  it('trains a short text without a split when the split is optional, and says so', async () => {
    const short = 'abcabcabcabcabcabcabc';
    const events = await collect(
      train({
        text: short,
        hiddenSize: 4,
        seqLength: 4,
        steps: 3,
        validationFraction: 0.05,
        validationOptional: true,
      }),
    );
    expect(events[0]).toMatchObject({
      validationTokens: 0,
      evalTokens: 0,
      notices: [expect.stringMatching(/^no validation split/)],
    });
    expect(evalsOf(events)).toEqual([]);
    expect(failure({ text: short, hiddenSize: 4, seqLength: 4, validationFraction: 0.05 })).toMatch(
      /holding out 5% leaves/,
    );
  });
});

describe('divergence and the gradient flow', () => {
  const small: TrainOptions = { text, hiddenSize: 16, seqLength: 10, sampleEvery: 0 };

  it('stops after step 100 once the smoothed loss exceeds 3 ln K, without applying that update', async () => {
    const trainer = createTrainer({ ...small, learningRate: 1e9, steps: 1000 });
    const events = await collect(trainer.run());
    const error = events.at(-1);
    expect(error).toMatchObject({ type: 'error', step: 101, reason: 'diverged' });
    expect(error?.type === 'error' && error.message).toMatch(
      /^training diverged at step 101: the smoothed loss .* nats\/token exceeds 3 × ln \d+ = \d+\.\d\d \(three times a uniform guess\); try a smaller learning rate \(now 1000000000\)$/,
    );
    expect(trainer.checkpoint().progress.step).toBe(100);
    const unchecked = await collect(
      train({ ...small, learningRate: 1e9, steps: 150, stopOnDivergence: false }),
    );
    expect(unchecked.at(-1)).toMatchObject({ type: 'done', step: 150 });
  });

  it('judges a resumed run by the model step, not by where the resume started', async () => {
    const trainer = createTrainer({ ...small, steps: 120 });
    await collect(trainer.run());
    const events = await collect(train({ text, resume: trainer.checkpoint(), learningRate: 1e9, steps: 50 }));
    expect(events[0]).toMatchObject({
      type: 'start',
      notices: ["learning rate 1000000000 replaces the checkpoint's 0.1 from step 121 on"],
    });
    // The smoothed loss carried in is about 3 nats; one update at this rate makes it exceed 3 ln K at once.
    expect(events.at(-1)).toMatchObject({ type: 'error', reason: 'diverged', step: expect.any(Number) });
    const error = events.at(-1);
    expect(error?.type === 'error' ? error.step : 0).toBeLessThan(130);
  });

  it('measures the gradient flow of the chunk just trained, with the updated parameters, and leaves it out of the rate', async () => {
    const trainer = createTrainer({ ...small, steps: 5, gradientFlowEverySeconds: 3600 });
    const flows: { norms: readonly number[]; expected: number[] }[] = [];
    for await (const event of trainer.run()) {
      if (event.type === 'step') expect(event.trainingSeconds).toBeLessThanOrEqual(event.elapsedSeconds);
      if (event.type !== 'gradient-flow') continue;
      const { gradientFlow } = await import('../src/gradients/flow.js');
      const ids = buildVocabulary(text).encode(text).slice(0, 10);
      flows.push({ norms: event.norms, expected: gradientFlow(paramsOf(trainer.checkpoint()), ids).norms });
      expect(event.step).toBe(1);
    }
    expect(flows).toHaveLength(1); // the first comes at once, the next not before an hour
    expect(flows[0]?.norms).toEqual(flows[0]?.expected);
  });
});
