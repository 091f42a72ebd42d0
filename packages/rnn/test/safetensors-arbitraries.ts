// Shared helpers of the safetensors tests: random tensors and model checkpoints (every double allowed), error codes.
import fc from 'fast-check';
import type { Checkpoint } from '../src/checkpoint/checkpoint.js';
import { RnnError } from '../src/errors.js';
import type { SafetensorsContents, SafetensorsTensor } from '../src/safetensors/format.js';
import { createTrainer } from '../src/training/trainer.js';

/** Any finite double, −0, subnormals and the largest magnitudes included. */
export const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });

/** The bytes of a typed array, so that two arrays compare bit for bit (NaN payloads and −0 included). */
export const bitsOf = (data: Float64Array | Float32Array): Uint8Array =>
  new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

const tensorArbitrary: fc.Arbitrary<SafetensorsTensor> = fc
  .record({
    dtype: fc.constantFrom('F64' as const, 'F32' as const),
    shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
  })
  .chain(({ dtype, shape }) => {
    const length = shape.reduce((n, size) => n * size, 1);
    // Any bit pattern: NaN with payloads and infinities are valid safetensors values.
    const word = dtype === 'F64' ? fc.double() : fc.float();
    return fc.array(word, { minLength: length, maxLength: length }).map((values) => ({
      dtype,
      shape,
      data: dtype === 'F64' ? Float64Array.from(values) : Float32Array.from(values),
    }));
  });

/** Random contents: up to 5 tensors with any names (unicode included), 0-d and empty ones, and any metadata. */
export const contentsArbitrary: fc.Arbitrary<SafetensorsContents> = fc.record({
  tensors: fc.dictionary(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }).filter((name) => name !== '__metadata__'),
    tensorArbitrary,
    { maxKeys: 5 },
  ),
  metadata: fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), { maxKeys: 4 }),
});

/** A checkpoint of K char tokens and H hidden units whose parameters are `values` (cycled), trained `step` steps. */
export function modelCheckpoint(K: number, H: number, values: readonly number[], step = 0): Checkpoint {
  let next = 0;
  const fill = (n: number) => Float64Array.from({ length: n }, () => values[next++ % values.length] ?? 0);
  const tokens = Array.from({ length: K }, (_, i) => String.fromCodePoint(i < 26 ? 97 + i : 0x1f600 + i));
  // A run of the trainer gives a checkpoint with every field; its settings exercise the metadata (B, truncate).
  const text = tokens.join('').repeat(Math.ceil(15 / K) + 1);
  const fresh = createTrainer({
    text,
    hiddenSize: H,
    seqLength: 7,
    batchSize: 2,
    truncate: 3,
    seed: 5,
    source: 'generated 🙂',
  });
  const checkpoint = fresh.checkpoint();
  return {
    ...checkpoint,
    parameters: { U: fill(H * K), W: fill(H * H), V: fill(K * H) },
    progress: { ...checkpoint.progress, step },
  };
}

/** Random model checkpoints: K 2–9, H 1–6, any finite parameter values, any step. */
export const checkpointArbitrary: fc.Arbitrary<Checkpoint> = fc
  .record({
    K: fc.integer({ min: 2, max: 9 }),
    H: fc.integer({ min: 1, max: 6 }),
    values: fc.array(finiteDouble, { minLength: 1, maxLength: 40 }),
    step: fc.nat(),
  })
  .map(({ K, H, values, step }) => modelCheckpoint(K, H, values, step));

/** The RnnError code `run` throws (failing the test if it throws anything else, or nothing). */
export function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof RnnError) return error.code;
    throw error;
  }
  throw new Error('expected an RnnError, but nothing was thrown');
}
