// Chunking the token stream into B segments read in order, as min-char-rnn reads one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBatches } from '../src/training/batches.js';

describe('createBatches', () => {
  it('stream b reads segment b: inputs are data[b·L + p + t], targets the token after each', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 30 }),
        (B, T, extra) => {
          const data = Int32Array.from({ length: B * T + 1 + extra }, (_, i) => i);
          const batches = createBatches(data, T, B);
          const L = batches.segmentLength;
          expect(L).toBe(Math.floor((data.length - 1) / B));
          for (let p = 0; batches.fits(p); p += T) {
            batches.fill(p);
            for (let b = 0; b < B; b++) {
              for (let t = 0; t < T; t++) {
                expect(batches.inputs[b * T + t]).toBe(b * L + p + t);
                expect(batches.targets[b * T + t]).toBe(b * L + p + t + 1);
              }
            }
            expect(p + T).toBeLessThanOrEqual(L);
          }
        },
      ),
    );
  });

  it('rejects a text too short for one chunk per stream', () => {
    expect(() => createBatches(Int32Array.from([1, 2, 3]), 2, 2)).toThrow(
      /3 tokens cannot fill 2 streams of 2 \+ 1/,
    );
  });
});
