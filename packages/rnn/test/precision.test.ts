// Training in float32: recorded in checkpoints, which load in either precision; the option is checked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_PATH } from '../src/node/corpus.js';
import { createTrainer, train } from '../src/training/trainer.js';
import { collect, mean, stepsOf } from './train-events.js';

const corpus = readFileSync(DEFAULT_CORPUS_PATH, 'utf8');

describe('precision', () => {
  const options = { text: corpus.slice(0, 4000), hiddenSize: 32, seqLength: 10, sampleEvery: 0, seed: 2 };

  it('trains in float32 when asked, records it, and keeps every number a float32', async () => {
    const trainer = createTrainer({ ...options, steps: 150, precision: 'float32' });
    const events = await collect(trainer.run());
    expect(events[0]).toMatchObject({ type: 'start', precision: 'float32' });
    const losses = stepsOf(events).map((e) => e.loss);
    expect(mean(losses.slice(-20))).toBeLessThan(mean(losses.slice(0, 20)) - 0.5);
    const checkpoint = trainer.checkpoint();
    expect(checkpoint.hyperparameters.precision).toBe('float32');
    const { U, W, V } = checkpoint.parameters;
    for (const values of [U, W, V, ...checkpoint.optimizer.memory, checkpoint.progress.hidden]) {
      expect(values.every((x) => Math.fround(x) === x)).toBe(true); // widened exactly from float32
    }
    const fresh = createTrainer({ ...options, steps: 1 });
    expect(fresh.checkpoint().hyperparameters.precision).toBe('float64');
  });

  it('a checkpoint loads in either precision: the run continues from its numbers and says so', async () => {
    for (const [from, to] of [
      ['float32', 'float64'],
      ['float64', 'float32'],
    ] as const) {
      const first = createTrainer({ ...options, steps: 20, precision: from });
      await collect(first.run());
      const checkpoint = first.checkpoint();
      const next = createTrainer({ text: options.text, resume: checkpoint, precision: to, steps: 5 });
      const start = (await collect(next.run()))[0];
      expect(start).toMatchObject({ type: 'start', precision: to, startStep: 20 });
      expect(start?.type === 'start' && start.notices.some((n) => n.startsWith(`training in ${to}`))).toBe(
        true,
      );
      // before its first step, the resumed run holds the checkpoint's parameters (float32: the nearest ones)
      const untouched = createTrainer({ text: options.text, resume: checkpoint, precision: to, steps: 0 });
      await collect(untouched.run());
      const round = (x: number) => (to === 'float32' ? Math.fround(x) : x);
      expect([...untouched.checkpoint().parameters.W]).toEqual([...checkpoint.parameters.W].map(round));
      expect(untouched.checkpoint().hyperparameters.precision).toBe(to);
      // without the option, a resumed run keeps the checkpoint's precision, silently
      const same = await collect(train({ text: options.text, resume: checkpoint, steps: 1 }));
      expect(same[0]).toMatchObject({ type: 'start', precision: from, notices: [] });
    }
  });

  it('refuses a precision it does not know', () => {
    expect(() => createTrainer({ ...options, precision: 'float16' as 'float32' })).toThrow(
      /precision must be 'float64' or 'float32', got "float16"/,
    );
  });
});
