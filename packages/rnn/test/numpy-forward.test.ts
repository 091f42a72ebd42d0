// numpy as an outside oracle: it reads the exported safetensors file by itself and reproduces forward() and the loss.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor } from '@rnn/einsum';
import { describe, expect, it } from 'vitest';
import type { Precision } from '../src/checkpoint/checkpoint.js';
import { checkpointToSafetensors } from '../src/checkpoint/safetensors.js';
import { forward } from '../src/model/forward.js';
import { loss } from '../src/model/loss.js';
import { DEFAULT_CORPUS_PATH } from '../src/node/corpus.js';
import { createTrainer } from '../src/training/trainer.js';

const SCRIPT = join(import.meta.dirname, 'python', 'forward_numpy.py');
/** python3 with numpy, when the machine has it (these tests are skipped, and say so, when it has not). */
const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
if (!hasNumpy)
  console.warn('numpy-forward.test.ts: python3 with numpy not found; the numpy oracle is skipped');

/** A model trained a little on the shipped corpus (K about 60, H = 32), and a stretch of 60 tokens of text. */
async function trainedModel() {
  const text = readFileSync(DEFAULT_CORPUS_PATH, 'utf8').slice(0, 20_000);
  const trainer = createTrainer({ text, hiddenSize: 32, seqLength: 25, steps: 40, seed: 11 });
  for await (const _ of trainer.run());
  const checkpoint = trainer.checkpoint();
  const ids = [...text.slice(5000, 5061)].map((char) => checkpoint.vocabulary.tokens.indexOf(char));
  return { checkpoint, xs: ids.slice(0, -1), ys: ids.slice(1) };
}

describe.skipIf(!hasNumpy)('numpy reading the exported file', () => {
  it.each(['float64', 'float32'] as Precision[])(
    'reproduces forward() and the loss to 1e-12 (%s file)',
    async (dtype) => {
      const { checkpoint, xs, ys } = await trainedModel();
      const path = join(mkdtempSync(join(tmpdir(), 'rnn-numpy-')), 'model.safetensors');
      writeFileSync(path, checkpointToSafetensors(checkpoint, { dtype }));
      const run = spawnSync('python3', [SCRIPT, path, JSON.stringify(xs), JSON.stringify(ys)], {
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      const numpy = JSON.parse(run.stdout) as { s: number[]; yHat: number[]; loss: number };
      // Ours on the same weights: float32 files hold the nearest float32 of each weight, widened exactly.
      const K = checkpoint.vocabulary.tokens.length;
      const H = checkpoint.hyperparameters.hiddenSize;
      const stored = (values: Float64Array) => (dtype === 'float32' ? values.map(Math.fround) : values);
      const { U, W, V } = checkpoint.parameters;
      const params = {
        U: tensor(stored(U), [H, K]),
        W: tensor(stored(W), [H, H]),
        V: tensor(stored(V), [K, H]),
      };
      const ours = forward(params, xs);
      // Both sides compute the same sums in different orders (numpy's BLAS vs our kernels): each entry differs by a
      // few ulps of the O(1) values, grown at most by the 60 steps of the recurrence; 1e-12 leaves a wide margin.
      const largest = (a: ArrayLike<number>, b: ArrayLike<number>) =>
        Array.from(a).reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] as number))), 0);
      expect(largest(ours.s.toFlat(), numpy.s)).toBeLessThan(1e-12);
      expect(largest(ours.yHat.toFlat(), numpy.yHat)).toBeLessThan(1e-12);
      expect(Math.abs(loss(params, xs, ys) - numpy.loss)).toBeLessThan(1e-12);
      expect(numpy.s).toHaveLength(xs.length * H);
    },
  );
});
