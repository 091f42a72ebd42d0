// Chunks of the token stream: B equal segments of the text, each read in order, seqLength tokens at a time.
import { RnnError } from '../errors.js';

/**
 * Splits token ids into `batchSize` equal segments of `segmentLength + 1` tokens (the last target of a
 * segment is the first input of the next); stream b reads segment b from `position`. A step needs
 * `position + seqLength ≤ segmentLength`; otherwise the streams wrap to 0 (min-char-rnn's rule, for B streams).
 *
 * @example
 * ```ts
 * const batches = createBatches(Int32Array.from([0, 1, 2, 3, 4, 5, 6]), 3, 2);
 * batches.segmentLength;                    // 3: segments [0 1 2 3] and [3 4 5 6]
 * batches.fill(0);
 * [...batches.inputs, ...batches.targets]; // [0, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 6]
 * ```
 */
export function createBatches(data: Int32Array, seqLength: number, batchSize: number) {
  const segmentLength = Math.floor((data.length - 1) / batchSize);
  if (segmentLength < seqLength) {
    throw new RnnError(
      'empty-text',
      `${data.length} tokens cannot fill ${batchSize} streams of ${seqLength} + 1 tokens`,
    );
  }
  const inputs = new Int32Array(batchSize * seqLength);
  const targets = new Int32Array(batchSize * seqLength);
  return {
    segmentLength,
    inputs,
    targets,
    /** True when a chunk starting at `position` fits in every segment. */
    fits: (position: number): boolean => position + seqLength <= segmentLength,
    /** Writes the chunk at `position` of every stream: inputs[b·T + t] = data[b·L + position + t], targets one later. */
    fill(position: number): void {
      for (let b = 0; b < batchSize; b++) {
        const from = b * segmentLength + position;
        inputs.set(data.subarray(from, from + seqLength), b * seqLength);
        targets.set(data.subarray(from + 1, from + seqLength + 1), b * seqLength);
      }
    },
    /** The next input of stream 0 after the chunk that ended before `position`. */
    tokenAt: (position: number): number => data[position] ?? 0,
  };
}
