// Corrupted safetensors files: the reader answers only with the documented RnnError codes, never another error,
// and a corruption it cannot detect (a changed weight) changes only that weight.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointFromSafetensors, checkpointToSafetensors } from '../src/checkpoint/safetensors.js';
import { RnnError } from '../src/errors.js';
import { checkpointArbitrary } from './safetensors-arbitraries.js';

/** Every code checkpointFromSafetensors documents. */
const DOCUMENTED = new Set([
  'truncated',
  'bad-header',
  'bad-dtype',
  'bad-shape',
  'bad-offsets',
  'bad-format',
  'bad-version',
  'bad-field',
  'missing-tensor',
  'unknown-tensor',
  'not-finite',
]);

/** Reads `bytes`: the checkpoint, or the documented error code; anything else fails the property. */
function read(bytes: Uint8Array): ReturnType<typeof checkpointFromSafetensors> | string {
  try {
    return checkpointFromSafetensors(bytes);
  } catch (error) {
    if (!(error instanceof RnnError)) throw error;
    expect(DOCUMENTED, `undocumented code ${error.code}: ${error.message}`).toContain(error.code);
    expect(error.message).not.toContain('\n');
    return error.code;
  }
}

/** Where the data starts: after the 8-byte prefix and the header. */
const dataStart = (bytes: Uint8Array): number => 8 + new DataView(bytes.buffer).getUint32(0, true);

const files = checkpointArbitrary.map((checkpoint) => checkpointToSafetensors(checkpoint));

describe('corrupted safetensors files', () => {
  it('every truncation is reported as truncated', () => {
    fc.assert(
      fc.property(files, fc.nat(), (bytes, cut) => {
        expect(read(bytes.subarray(0, cut % bytes.length))).toBe('truncated');
      }),
      { numRuns: 300 },
    );
  });

  it('any changed bytes give a documented error or a model; in the data they change only the weights there', () => {
    fc.assert(
      fc.property(
        files,
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        (bytes, edits) => {
          const original = read(bytes);
          const corrupted = bytes.slice();
          for (const { at, value } of edits) corrupted[at % bytes.length] = value;
          const result = read(corrupted);
          const start = dataStart(bytes);
          if (typeof result === 'string' || typeof original === 'string') return;
          const inData = edits.every(({ at }) => at % bytes.length >= start);
          if (!inData) return;
          // The header is intact: the same model, whose raw data differs from the original only where edited.
          expect(result.vocabulary.tokens).toEqual(original.vocabulary.tokens);
          expect(result.checkpoint.hyperparameters).toEqual(original.checkpoint.hyperparameters);
          const changed = [...corrupted.subarray(start)].flatMap((b, i) =>
            b === bytes[start + i] ? [] : [start + i],
          );
          expect(changed.every((i) => edits.some(({ at }) => at % bytes.length === i))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a rewritten header length is refused', () => {
    fc.assert(
      fc.property(files, fc.nat(), fc.nat(), (bytes, low, high) => {
        const corrupted = bytes.slice();
        const view = new DataView(corrupted.buffer);
        if (low === view.getUint32(0, true) && high === 0) return;
        view.setUint32(0, low, true);
        view.setUint32(4, high, true);
        expect(typeof read(corrupted)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes give a documented error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(typeof read(bytes)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('random header text behind a valid length gives a documented error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        const header = new TextEncoder().encode(text);
        const bytes = new Uint8Array(8 + header.length);
        new DataView(bytes.buffer).setUint32(0, header.length, true);
        bytes.set(header, 8);
        const result = read(bytes);
        expect(typeof result).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
