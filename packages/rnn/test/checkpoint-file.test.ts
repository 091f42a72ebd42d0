// Checkpoint files: round trip, atomic write, and one precise RnnError for each way a file can be wrong.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256OfCanonicalJson } from '../src/checkpoint/canonical-json.js';
import type { Checkpoint } from '../src/checkpoint/checkpoint.js';
import { RnnError } from '../src/errors.js';
import { loadCheckpoint, saveCheckpoint } from '../src/node/checkpoint-file.js';

/** A small valid checkpoint: K = 3 tokens, H = 2, B = 2, Adagrad, values that exercise JSON's number round trip. */
function sampleCheckpoint(): Checkpoint {
  const ramp = (n: number, scale: number) =>
    Float64Array.from({ length: n }, (_, i) => (i - n / 3) * scale + 1e-17);
  return {
    format: 'rnn-core-checkpoint',
    version: 1,
    source: 'tiny.txt',
    vocabulary: { level: 'char', tokens: ['a', 'b', '🙂'] },
    hyperparameters: {
      hiddenSize: 2,
      seqLength: 4,
      batchSize: 2,
      learningRate: 0.1,
      optimizer: 'adagrad',
      seed: 7,
      truncate: null,
      clip: 5,
      evaluateEvery: 100,
      halveOnRise: true,
      maxVocabulary: null,
      precision: 'float64',
    },
    parameters: { U: ramp(6, 0.1 / 3), W: ramp(4, Math.PI), V: ramp(6, -1 / 7) },
    optimizer: {
      name: 'adagrad',
      learningRate: 0.1,
      memory: [ramp(6, 2), ramp(4, 3), ramp(6, 5)].map((m) => m.map(Math.abs)),
      previousEvaluation: null,
      windowLoss: 0,
      windowSteps: 0,
    },
    progress: {
      step: 12,
      epoch: 1,
      position: 8,
      hidden: Float64Array.of(0.1, -0.2, 0.3, -0.99999),
      smoothLoss: 1.0986,
      loss: 1.05,
      random: [1, 2, 3, 4294967295],
    },
  };
}

/** A parsed checkpoint document, edited freely by the corruption cases. */
// biome-ignore lint/suspicious/noExplicitAny: the cases reach into arbitrary JSON on purpose
type Document = Record<string, any>;

const directory = (): string => mkdtempSync(join(tmpdir(), 'rnn-checkpoint-'));

/** Writes a document, re-signing its payload when asked, so that validation past the checksum is reached. */
function writeDocument(path: string, edit: (document: Document) => void, resign = true): void {
  const dir = directory();
  const original = join(dir, 'original.json');
  saveCheckpoint(original, sampleCheckpoint());
  const document = JSON.parse(readFileSync(original, 'utf8'));
  edit(document);
  if (resign) document.checksum = sha256OfCanonicalJson(document.payload);
  writeFileSync(path, JSON.stringify(document));
}

function failure(path: string): { code: string; message: string } {
  try {
    loadCheckpoint(path);
  } catch (error) {
    if (error instanceof RnnError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`loading ${path} did not fail`);
}

describe('checkpoint files', () => {
  it('load(save(c)) equals c, typed arrays and all, bit for bit', () => {
    const path = join(directory(), 'model.json');
    const checkpoint = sampleCheckpoint();
    saveCheckpoint(path, checkpoint);
    expect(loadCheckpoint(path)).toEqual(checkpoint);
  });

  it('writes atomically: no temporary file remains, and an existing file is replaced whole', () => {
    const dir = directory();
    const path = join(dir, 'model.json');
    writeFileSync(path, 'old');
    saveCheckpoint(path, sampleCheckpoint());
    expect(readdirSync(dir)).toEqual(['model.json']);
    expect(loadCheckpoint(path).progress.step).toBe(12);
  });

  it('a failed write throws write-failed and leaves nothing behind', () => {
    const dir = directory();
    expect(() => saveCheckpoint(join(dir, 'missing-dir', 'model.json'), sampleCheckpoint())).toThrow(
      RnnError,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to write a checkpoint that would not load back, and writes nothing', () => {
    const dir = directory();
    const checkpoint = sampleCheckpoint();
    checkpoint.parameters.W[3] = Number.NaN;
    expect(() => saveCheckpoint(join(dir, 'model.json'), checkpoint)).toThrow(
      /refusing to write checkpoint .*model\.json: payload\.parameters\.W\.data\[3\] must be a finite number/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  const cases: [string, string, RegExp, (d: Document) => void, boolean?][] = [
    [
      'wrong format',
      'bad-format',
      /format is "something-else"/,
      (d) => {
        d.format = 'something-else';
      },
    ],
    [
      'newer version',
      'bad-version',
      /version 2 is not supported/,
      (d) => {
        d.version = 2;
      },
    ],
    [
      'altered number',
      'bad-checksum',
      /checksum mismatch/,
      (d) => {
        d.payload.parameters.W.data[1] += 1e-12;
      },
      false,
    ],
    [
      'missing field',
      'bad-field',
      /payload\.hyperparameters\.hiddenSize must be a finite number, but it is missing/,
      (d) => {
        delete d.payload.hyperparameters.hiddenSize;
      },
    ],
    [
      'wrong shape',
      'bad-shape',
      /payload\.parameters\.V\.data has 5 numbers, but \[3, 2\] needs 6/,
      (d) => {
        d.payload.parameters.V.data.pop();
      },
    ],
    [
      'shape field',
      'bad-shape',
      /payload\.parameters\.U\.shape is \[3,2\], but K = 3 tokens and H = 2 need \[2, 3\]/,
      (d) => {
        d.payload.parameters.U.shape = [3, 2];
      },
    ],
    [
      'non-finite number',
      'not-finite',
      /payload\.progress\.hidden\[2\] must be a finite number, but it is null/,
      (d) => {
        d.payload.progress.hidden[2] = null;
      },
    ],
    [
      'hidden state size',
      'bad-shape',
      /batchSize × hiddenSize = 2 × 2/,
      (d) => {
        d.payload.progress.hidden.push(0);
      },
    ],
    [
      'bad vocabulary',
      'bad-field',
      /not one code point/,
      (d) => {
        d.payload.vocabulary.tokens[0] = 'ab';
      },
    ],
    [
      'optimizer memory',
      'bad-shape',
      /payload\.optimizer\.memory must hold 3 arrays for adagrad/,
      (d) => {
        d.payload.optimizer.memory.pop();
      },
    ],
    [
      'random state',
      'bad-field',
      /payload\.progress\.random must be an array of integers/,
      (d) => {
        d.payload.progress.random = [1.5];
      },
    ],
  ];
  it.each(cases)('%s gives %s with a message naming the fault', (_, code, message, edit, resign = true) => {
    const path = join(directory(), 'broken.json');
    writeDocument(path, edit, resign);
    const error = failure(path);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(path);
  });

  it('a missing file and a file that is not JSON have their own codes', () => {
    const dir = directory();
    expect(failure(join(dir, 'nope.json'))).toMatchObject({
      code: 'missing-file',
      message: expect.stringMatching(/no such file/),
    });
    writeFileSync(join(dir, 'half.json'), '{"format": "rnn-core-checkpoint", "vers');
    expect(failure(join(dir, 'half.json')).code).toBe('not-json');
    writeFileSync(join(dir, 'list.json'), '[1, 2]');
    expect(failure(join(dir, 'list.json')).code).toBe('bad-format');
  });
});
