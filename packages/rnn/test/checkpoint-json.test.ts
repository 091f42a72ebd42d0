// Checkpoint text: the universal checksum equals Node's SHA-256 (so old checkpoints load), and text round-trips.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256OfCanonicalJson } from '../src/checkpoint/canonical-json.js';
import { checkpointFromJson, checkpointToJson } from '../src/checkpoint/json.js';
import { RnnError } from '../src/errors.js';
import { createTrainer } from '../src/training/trainer.js';

describe('the checkpoint checksum', () => {
  it('hashes the UTF-8 bytes of the canonical text, astral characters included', () => {
    const value = { tokens: ['🙂', 'é', '\u2028'], b: 1 };
    expect(sha256OfCanonicalJson(value)).toBe(
      createHash('sha256').update(canonicalJson(value)).digest('hex'),
    );
  });

  it("equals node:crypto's digest of the canonical JSON for any JSON value (checkpoints written before still load)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const expected = createHash('sha256').update(canonicalJson(value)).digest('hex');
        expect(sha256OfCanonicalJson(value)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkpointToJson / checkpointFromJson', () => {
  it('round-trip a trained checkpoint exactly', async () => {
    const trainer = createTrainer({
      text: 'to be or not to be 🙂',
      hiddenSize: 8,
      seqLength: 5,
      steps: 6,
      seed: 3,
    });
    for await (const _ of trainer.run());
    const checkpoint = trainer.checkpoint();
    const back = checkpointFromJson(checkpointToJson(checkpoint));
    expect(back.parameters.W).toEqual(checkpoint.parameters.W);
    expect(back.progress).toEqual(checkpoint.progress);
    expect(checkpointToJson(back)).toBe(checkpointToJson(checkpoint));
  });

  it('records the precision, reads a checkpoint written before it as float64, and checks it', async () => {
    const trainer = createTrainer({
      text: 'to be or not to be',
      hiddenSize: 4,
      seqLength: 5,
      steps: 2,
      precision: 'float32',
    });
    for await (const _ of trainer.run());
    const text = checkpointToJson(trainer.checkpoint());
    expect(checkpointFromJson(text).hyperparameters.precision).toBe('float32');
    // an older file: no precision in its hyperparameters (and a checksum over that payload)
    const document = JSON.parse(text);
    delete document.payload.hyperparameters.precision;
    document.checksum = sha256OfCanonicalJson(document.payload);
    expect(checkpointFromJson(JSON.stringify(document)).hyperparameters.precision).toBe('float64');
    document.payload.hyperparameters.precision = 'float16';
    document.checksum = sha256OfCanonicalJson(document.payload);
    expect(() => checkpointFromJson(JSON.stringify(document))).toThrow(/precision/);
  });

  it('says why text is not JSON on one line, even when the fault is beside a newline', () => {
    const error = (() => {
      try {
        checkpointFromJson('{"format":\n}');
      } catch (caught) {
        return caught as RnnError;
      }
    })();
    expect(error?.code).toBe('not-json');
    expect(error?.message).toMatch(/^not JSON: /);
    expect(error?.message).not.toContain('\n');
  });

  it('rejects text that is not JSON with code not-json', () => {
    expect(() => checkpointFromJson('{"format":')).toThrow(RnnError);
    try {
      checkpointFromJson('{"format":');
    } catch (error) {
      expect((error as RnnError).code).toBe('not-json');
    }
  });

  it('keeps the validation record, reads checkpoints written without one, and checks its fields', async () => {
    const text = 'to be or not to be, that is the question. '.repeat(4);
    const trainer = createTrainer({
      text,
      hiddenSize: 6,
      seqLength: 5,
      steps: 4,
      validationFraction: 0.2,
      validateEvery: 2,
    });
    for await (const _ of trainer.run());
    const checkpoint = trainer.checkpoint();
    expect(checkpoint.validation).toMatchObject({
      fraction: 0.2,
      tokens: 33,
      step: 4,
      bestStep: expect.any(Number),
    });
    expect(checkpointFromJson(checkpointToJson(checkpoint)).validation).toEqual(checkpoint.validation);
    const { validation: _, ...older } = checkpoint;
    expect(checkpointFromJson(checkpointToJson(older)).validation).toBeUndefined();
    const edited = {
      ...checkpoint,
      validation: { fraction: 1, tokens: 3, step: null, loss: null, bestStep: null, bestLoss: null },
    };
    expect(() => checkpointToJson(edited)).toThrow(
      /payload\.validation\.fraction must be in \[0, 1\), but it is 1/,
    );
  });
});
