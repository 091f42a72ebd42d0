// Shared generators of the safetensors tests: random tensors and random model checkpoints, every double allowed.
import fc from 'fast-check';
import type { Checkpoint } from '../src/checkpoint/checkpoint.js';
import type { SafetensorsContents, SafetensorsTensor } from '../src/safetensors/format.js';

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
  const [U, W, V] = [fill(H * K), fill(H * H), fill(K * H)];
  return {
    format: 'rnn-core-checkpoint',
    version: 1,
    source: 'generated 🙂',
    vocabulary: { level: 'char', tokens },
    hyperparameters: {
      hiddenSize: H,
      seqLength: 7,
      batchSize: 2,
      learningRate: 0.1,
      optimizer: 'adagrad',
      seed: 5,
      truncate: 3,
      clip: 5,
      evaluateEvery: 100,
      halveOnRise: true,
      maxVocabulary: null,
    },
    parameters: { U, W, V },
    optimizer: {
      name: 'adagrad',
      learningRate: 0.1,
      memory: [U, W, V].map((m) => m.map(Math.abs)),
      previousEvaluation: null,
      windowLoss: 0,
      windowSteps: 0,
    },
    progress: {
      step,
      epoch: 0,
      position: 0,
      hidden: new Float64Array(2 * H),
      smoothLoss: Math.log(K),
      loss: Number.NaN,
      random: [1, 2, 3, 4],
    },
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
