// train(): the loss falls, events follow the contract, resuming reproduces the uninterrupted run bit for bit.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Checkpoint } from '../src/checkpoint/checkpoint.js';
import { RnnError } from '../src/errors.js';
import { loadCheckpoint, saveCheckpoint } from '../src/node/checkpoint-file.js';
import { DEFAULT_CORPUS_PATH } from '../src/node/corpus.js';
import type { TrainEvent } from '../src/training/events.js';
import { textNeeds } from '../src/training/options.js';
import type { TrainOptions } from '../src/training/train-options.js';
import { createTrainer, train } from '../src/training/trainer.js';
import { collect, mean, stepsOf } from './train-events.js';

const corpus = readFileSync(DEFAULT_CORPUS_PATH, 'utf8');
const text = corpus.slice(0, 3000);

describe('train', () => {
  it('makes the loss fall well below the uniform loss log K on the shipped corpus', async () => {
    const events = await collect(train({ text, hiddenSize: 32, seqLength: 10, steps: 300, sampleEvery: 0 }));
    const start = events[0];
    expect(start?.type).toBe('start');
    const uniform = Math.log(start?.type === 'start' ? start.vocabSize : 0);
    const losses = stepsOf(events).map((e) => e.loss);
    // An untrained model scores about log K ≈ 3.9 nats; character statistics alone bring it near 2.5.
    expect(mean(losses.slice(0, 10))).toBeGreaterThan(uniform - 0.3);
    expect(mean(losses.slice(-50))).toBeLessThan(uniform * 0.7);
  });

  it('emits start, a step every logEvery steps, samples every sampleEvery steps, then done', async () => {
    const events = await collect(
      train({
        text,
        hiddenSize: 8,
        seqLength: 10,
        steps: 30,
        logEvery: 4,
        sampleEvery: 10,
        sampleLength: 15,
        seed: 3,
      }),
    );
    expect(events[0]).toMatchObject({
      type: 'start',
      level: 'char',
      hiddenSize: 8,
      seqLength: 10,
      batchSize: 1,
      optimizer: 'adagrad',
      learningRate: 0.1,
      seed: 3,
      totalSteps: 30,
      startStep: 0,
      tokens: 3000,
      source: 'text',
    });
    expect(stepsOf(events).map((e) => e.step)).toEqual([4, 8, 12, 16, 20, 24, 28, 30]);
    const samples = events.flatMap((e) => (e.type === 'sample' ? [e] : []));
    expect(samples.map((e) => e.step)).toEqual([10, 20, 30]);
    expect(samples.every((e) => [...e.text].length === 15)).toBe(true);
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'done', step: 30 });
    for (const e of stepsOf(events)) {
      expect(e.tokensPerSecond).toBeGreaterThan(0);
      expect(e.gradNorm).toBeGreaterThan(0);
      expect(e.smoothLoss).toBeGreaterThan(e.loss - 1);
    }
  });

  it('counts epochs as the streams wrap and trains B > 1 streams', async () => {
    const events = await collect(
      train({
        text: corpus.slice(0, 800),
        hiddenSize: 16,
        seqLength: 10,
        batchSize: 4,
        steps: 120,
        sampleEvery: 0,
      }),
    );
    expect(events[0]).toMatchObject({ type: 'start', batchSize: 4 });
    const steps = stepsOf(events);
    // 799 targets / 4 streams = 199 per segment, 19 chunks of 10 per epoch
    expect(steps[18]?.epoch).toBe(0);
    expect(steps[19]?.epoch).toBe(1);
    expect(steps.at(-1)?.epoch).toBe(6);
    expect(mean(steps.slice(-20).map((e) => e.loss))).toBeLessThan(
      mean(steps.slice(0, 5).map((e) => e.loss)) - 0.8,
    );
  });

  it('trains at word level', async () => {
    const events = await collect(
      train({
        text,
        level: 'word',
        hiddenSize: 16,
        seqLength: 5,
        steps: 150,
        sampleEvery: 150,
        sampleLength: 12,
      }),
    );
    const steps = stepsOf(events);
    expect(mean(steps.slice(-30).map((e) => e.loss))).toBeLessThan(
      mean(steps.slice(0, 5).map((e) => e.loss)) - 1,
    );
    const sample = events.find((e) => e.type === 'sample');
    expect(sample?.type === 'sample' && !sample.text.includes('<unk>')).toBe(true);
  });

  it('stops with an error event when the loss is not finite', async () => {
    const trainer = createTrainer({ text, hiddenSize: 4, seqLength: 5, steps: 1, sampleEvery: 0 });
    await collect(trainer.run());
    const broken = trainer.checkpoint();
    broken.parameters.V.fill(1e308); // finite, but V s or Vᵀ(ŷ − y) and the gradient norm overflow
    const events = await collect(train({ text, resume: broken, steps: 5 }));
    expect(events.map((e) => e.type)).toEqual(['start', 'error']);
    expect(events[1]).toMatchObject({
      type: 'error',
      step: 2,
      message: expect.stringMatching(/diverged at step 2: the (loss|gradient norm) is (NaN|Infinity)/),
    });
  });

  it('returns to the event loop whenever 20 ms of training have passed', async () => {
    // A fake clock that advances 1 ms per reading makes "20 ms" a count of readings, so the test does not
    // depend on the machine's speed; a self-rescheduling setImmediate counts the turns of the event loop.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    let turns = 0;
    let running = true;
    const turn = (): void => {
      turns += 1;
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    try {
      await collect(train({ text, hiddenSize: 4, seqLength: 5, steps: 200, sampleEvery: 0, logEvery: 1000 }));
    } finally {
      running = false;
      now.mockRestore();
    }
    // Each step reads the clock at least twice, so 200 steps span ≥ 400 ms: at least 20 turns.
    expect(clock).toBeGreaterThanOrEqual(400);
    expect(turns).toBeGreaterThanOrEqual(Math.floor(clock / 21));
  });
});

describe('resume', () => {
  const cases: [string, Partial<TrainOptions>][] = [
    ['adagrad, B = 1, across epochs', {}],
    ['adagrad, B = 3, truncated', { batchSize: 3, truncate: 3 }],
    ['sgd with halving', { optimizer: 'sgd', evaluateEvery: 7, learningRate: 1.5 }],
    ['adagrad in float32, B = 2', { precision: 'float32', batchSize: 2 }],
  ];
  it.each(cases)('N steps + save + load + N steps equals 2N steps bit for bit (%s)', async (_, extra) => {
    const options: TrainOptions = {
      text: corpus.slice(0, 300), // 37 chunks per epoch at B = 1, 12 at B = 3: both runs wrap,
      hiddenSize: 12,
      seqLength: 8,
      sampleEvery: 9,
      sampleLength: 10,
      seed: 5,
      ...extra,
    };
    const whole = await collect(train({ ...options, steps: 60 }));
    const first = createTrainer({ ...options, steps: 25 });
    const before = await collect(first.run());
    const path = join(mkdtempSync(join(tmpdir(), 'rnn-resume-')), 'model.json');
    saveCheckpoint(path, first.checkpoint());
    const resumed = loadCheckpoint(path);
    const after = await collect(
      train({ text: options.text, resume: resumed, steps: 35, sampleEvery: 9, sampleLength: 10 }),
    );
    expect(after[0]).toMatchObject({ type: 'start', startStep: 25, totalSteps: 60 });
    const trace = (events: TrainEvent[]) =>
      events.flatMap((e) =>
        e.type === 'step'
          ? [[e.step, e.loss, e.smoothLoss, e.gradNorm, e.learningRate, e.epoch]]
          : e.type === 'sample'
            ? [[e.step, e.text]]
            : [],
      );
    expect(trace([...before, ...after])).toEqual(trace(whole));
  });

  it('refuses a text whose vocabulary differs, and options that contradict the checkpoint', async () => {
    const trainer = createTrainer({ text: 'abcabcabc abc', hiddenSize: 4, seqLength: 3, steps: 2 });
    await collect(trainer.run());
    const checkpoint: Checkpoint = trainer.checkpoint();
    const failure = (options: TrainOptions) => {
      try {
        createTrainer(options);
      } catch (error) {
        return error instanceof RnnError ? [error.code, error.message] : ['not an RnnError'];
      }
      return ['no error'];
    };
    expect(failure({ text: 'abd abd abd', resume: checkpoint })).toEqual([
      'vocabulary-mismatch',
      expect.stringMatching(/first difference at id 3: "c" vs "d"/),
    ]);
    const shortW = { ...checkpoint, parameters: { ...checkpoint.parameters, W: new Float64Array(3) } };
    expect(failure({ text: 'abcabcabc abc', resume: shortW })).toEqual([
      'bad-shape',
      expect.stringMatching(
        /resume: the checkpoint is not valid: payload\.parameters\.W\.data has 3 numbers, but \[4, 4\] needs 16/,
      ),
    ]);
    expect(failure({ text: 'abcabcabc abc', resume: checkpoint, hiddenSize: 8 })).toEqual([
      'bad-argument',
      expect.stringMatching(/hiddenSize 8 contradicts the checkpoint's 4/),
    ]);
  });

  it('takes a new learning rate on resume from the next step on', async () => {
    const trainer = createTrainer({ text, hiddenSize: 4, seqLength: 3, steps: 2, optimizer: 'sgd' });
    await collect(trainer.run());
    const events = await collect(train({ text, resume: trainer.checkpoint(), learningRate: 0.05, steps: 1 }));
    expect(events[0]).toMatchObject({ type: 'start', learningRate: 0.05, startStep: 2 });
    expect(events[1]).toMatchObject({ type: 'step', step: 3, learningRate: 0.05 });
  });

  it('a trainer runs once', async () => {
    const trainer = createTrainer({ text, hiddenSize: 4, seqLength: 3, steps: 1 });
    await collect(trainer.run());
    await expect(collect(trainer.run())).rejects.toThrow(/runs once/);
  });
});

describe('textNeeds', () => {
  it("reports what train() decides: its defaults, a resumed run's settings, and the tokens one step needs", async () => {
    expect(textNeeds({ text: 'too short' })).toEqual({
      level: 'char',
      seqLength: 25,
      batchSize: 1,
      tokens: 9,
      needed: 26,
    });
    expect(textNeeds({ text: 'a b c', level: 'word', seqLength: 2, batchSize: 3 })).toMatchObject({
      level: 'word',
      needed: 7,
    });
    const trainer = createTrainer({ text, hiddenSize: 4, seqLength: 7, batchSize: 2, steps: 1 });
    await collect(trainer.run());
    // a resumed run keeps the checkpoint's settings, whatever the options say of them
    expect(textNeeds({ text: 'abc', resume: trainer.checkpoint() })).toMatchObject({
      seqLength: 7,
      batchSize: 2,
      needed: 15,
    });
    // and train() refuses a text exactly when it is short of that
    for (const length of [14, 15]) {
      const short = text.slice(0, length);
      const { tokens, needed } = textNeeds({ text: short, seqLength: 7, batchSize: 2 });
      const make = () => createTrainer({ text: short, hiddenSize: 4, seqLength: 7, batchSize: 2 });
      if (tokens < needed) expect(make).toThrow(/are needed for one step/);
      else expect(make).not.toThrow();
    }
  });
});

describe('train options', () => {
  const failure = (options: TrainOptions): string => {
    try {
      createTrainer(options);
    } catch (error) {
      return error instanceof RnnError ? `${error.code}: ${error.message}` : 'not an RnnError';
    }
    return 'no error';
  };
  it.each([
    [{ text, hiddenSize: 0 }, /^bad-argument: hiddenSize must be an integer ≥ 1, got 0/],
    [{ text, seqLength: 2.5 }, /^bad-argument: seqLength must be an integer ≥ 1, got 2.5/],
    [{ text, optimizer: 'adam' as 'sgd' }, /^bad-argument: optimizer must be 'adagrad' or 'sgd', got "adam"/],
    [{ text, learningRate: -1 }, /^bad-argument: learningRate must be a positive finite number, got -1/],
    [{ text, steps: -3 }, /^bad-argument: steps must be an integer ≥ 0, got -3/],
    [
      { text: 'abc', seqLength: 2, batchSize: 2 },
      /^empty-text: the text has 3 tokens, but batchSize × seqLength \+ 1 = 5 are needed/,
    ],
    [{ text: '' }, /^empty-text: cannot build a vocabulary from an empty text/],
  ])('rejects %o', (options, message) => {
    expect(failure(options)).toMatch(message);
  });
});
