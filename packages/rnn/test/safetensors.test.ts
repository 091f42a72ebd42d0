// safetensors: bit-for-bit round trips as properties, and the container and model rules on hand-made bad files.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointFromSafetensors, checkpointToSafetensors } from '../src/checkpoint/safetensors.js';
import { decodeSafetensors } from '../src/safetensors/decode.js';
import { encodeSafetensors } from '../src/safetensors/encode.js';
import {
  bitsOf,
  checkpointArbitrary,
  codeOf,
  contentsArbitrary,
  modelCheckpoint,
} from './safetensors-arbitraries.js';

describe('encodeSafetensors / decodeSafetensors', () => {
  it('round-trip any tensors and metadata bit for bit (NaN payloads, −0, empty and 0-d tensors included)', () => {
    fc.assert(
      fc.property(contentsArbitrary, (contents) => {
        const back = decodeSafetensors(encodeSafetensors(contents));
        expect(back.metadata).toEqual(contents.metadata);
        expect(Object.keys(back.tensors).sort()).toEqual(Object.keys(contents.tensors).sort());
        for (const [name, tensor] of Object.entries(contents.tensors)) {
          const read = back.tensors[name];
          expect(read?.dtype).toBe(tensor.dtype);
          expect(read?.shape).toEqual(tensor.shape);
          expect(bitsOf(read?.data ?? new Float64Array())).toEqual(bitsOf(tensor.data));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('start the data at a multiple of 8 bytes, so that every F64 tensor can be viewed in place', () => {
    fc.assert(
      fc.property(contentsArbitrary, (contents) => {
        const bytes = encodeSafetensors(contents);
        const headerLength = new DataView(bytes.buffer).getUint32(0, true);
        expect((8 + headerLength) % 8).toBe(0);
      }),
    );
  });

  it('read a view that starts inside a larger buffer (a Node Buffer from the pool, a subarray)', () => {
    const bytes = encodeSafetensors({
      tensors: { w: { dtype: 'F64', shape: [2], data: Float64Array.of(1, 2) } },
      metadata: {},
    });
    const padded = new Uint8Array(bytes.length + 11);
    padded.set(bytes, 3);
    for (const view of [padded.subarray(3, 3 + bytes.length), Buffer.from(padded.buffer, 3, bytes.length)]) {
      expect([...(decodeSafetensors(view).tensors.w?.data ?? [])]).toEqual([1, 2]);
    }
  });

  it('refuse a tensor whose data does not match its dtype or shape', () => {
    const tensor = { dtype: 'F64' as const, shape: [3], data: Float64Array.of(1, 2) };
    expect(codeOf(() => encodeSafetensors({ tensors: { x: tensor }, metadata: {} }))).toBe('bad-shape');
    const f32 = { dtype: 'F32' as const, shape: [2], data: Float64Array.of(1, 2) };
    expect(codeOf(() => encodeSafetensors({ tensors: { x: f32 }, metadata: {} }))).toBe('bad-shape');
  });
});

describe('checkpointToSafetensors / checkpointFromSafetensors', () => {
  it('round-trip the model of any checkpoint bit for bit in float64', () => {
    fc.assert(
      fc.property(checkpointArbitrary, (checkpoint) => {
        const {
          checkpoint: back,
          dtype,
          precision,
        } = checkpointFromSafetensors(checkpointToSafetensors(checkpoint));
        expect([dtype, precision]).toEqual(['float64', 'float64']);
        for (const name of ['U', 'W', 'V'] as const) {
          expect(bitsOf(back.parameters[name])).toEqual(bitsOf(checkpoint.parameters[name]));
        }
        expect(back.vocabulary).toEqual(checkpoint.vocabulary);
        expect(back.hyperparameters).toEqual(checkpoint.hyperparameters);
        expect(back.progress.step).toBe(checkpoint.progress.step);
        expect(back.source).toBe(checkpoint.source);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trip to the nearest float32 with --dtype float32, or refuse a value float32 cannot hold', () => {
    fc.assert(
      fc.property(checkpointArbitrary, (checkpoint) => {
        const values = Object.values(checkpoint.parameters).flatMap((p) => [...p]);
        if (values.some((x) => !Number.isFinite(Math.fround(x)))) {
          expect(codeOf(() => checkpointToSafetensors(checkpoint, { dtype: 'float32' }))).toBe('not-finite');
          return;
        }
        const bytes = checkpointToSafetensors(checkpoint, { dtype: 'float32' });
        const { checkpoint: back, dtype } = checkpointFromSafetensors(bytes);
        expect(dtype).toBe('float32');
        for (const name of ['U', 'W', 'V'] as const) {
          expect(bitsOf(back.parameters[name])).toEqual(bitsOf(checkpoint.parameters[name].map(Math.fround)));
        }
        // Written again as float32, the widened values give the same bytes: float32 → float64 → float32 is exact.
        expect(checkpointToSafetensors(back, { dtype: 'float32' })).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('name a metadata field that is not JSON in one line, even when the fault is beside a newline', () => {
    // fast-check seed 1814024801 (the fuzz test) found it: a changed byte made `\"…` into `\n…` in the
    // hyperparameters, and V8's JSON.parse message quotes the text around the fault, newline and all.
    const { tensors, metadata } = decodeSafetensors(
      checkpointToSafetensors(modelCheckpoint(3, 2, [0.5, -0.25], 1)),
    );
    const broken = { ...metadata, hyperparameters: '{"hiddenSize":\n}' };
    const error = (() => {
      try {
        checkpointFromSafetensors(encodeSafetensors({ tensors, metadata: broken }));
      } catch (caught) {
        return caught as Error & { code?: string };
      }
    })();
    expect(error?.code).toBe('bad-field');
    expect(error?.message).toMatch(/^__metadata__\.hyperparameters is not JSON \(/);
    expect(error?.message).not.toContain('\n');
  });

  it('use PyTorch names and shapes, and metadata with everything needed to keep training', () => {
    const checkpoint = modelCheckpoint(3, 2, [0.5, -0.25], 42);
    const { tensors, metadata } = decodeSafetensors(checkpointToSafetensors(checkpoint));
    expect(Object.fromEntries(Object.entries(tensors).map(([name, t]) => [name, t.shape]))).toEqual({
      'rnn.weight_ih_l0': [2, 3],
      'rnn.weight_hh_l0': [2, 2],
      'decoder.weight': [3, 2],
    });
    expect(metadata).toMatchObject({ format: 'rnn-core', version: '1', step: '42', precision: 'float64' });
    expect(JSON.parse(metadata.vocabulary ?? '')).toEqual({ level: 'char', tokens: ['a', 'b', 'c'] });
    expect(JSON.parse(metadata.hyperparameters ?? '')).toMatchObject({
      hiddenSize: 2,
      seqLength: 7,
      learningRate: 0.1,
      clip: 5,
      optimizer: 'adagrad',
      truncate: 3,
    });
  });

  it('give a fresh optimizer and progress, keeping only the step: the file holds the model alone', () => {
    const checkpoint = modelCheckpoint(4, 3, [0.1, 0.2, -0.3], 9);
    const { checkpoint: back } = checkpointFromSafetensors(checkpointToSafetensors(checkpoint));
    expect(back.optimizer.memory.map((m) => [...m].every((x) => x === 0))).toEqual([true, true, true]);
    expect(back.optimizer.learningRate).toBe(checkpoint.hyperparameters.learningRate);
    expect(back.progress).toMatchObject({ step: 9, epoch: 0, position: 0, smoothLoss: Math.log(4) });
    expect(back.progress.hidden).toEqual(new Float64Array(2 * 3));
  });

  it('refuse to write a checkpoint that would not read back', () => {
    const checkpoint = modelCheckpoint(2, 1, [Number.NaN]);
    expect(codeOf(() => checkpointToSafetensors(checkpoint))).toBe('not-finite');
  });
});
