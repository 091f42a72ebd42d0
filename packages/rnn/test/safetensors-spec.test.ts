// A model file assembled byte by byte from the format's public specification (not by our writer) reads correctly;
// hand-made files that break one rule each get the documented error, naming the field.
import { describe, expect, it } from 'vitest';
import { checkpointFromSafetensors, checkpointToSafetensors } from '../src/checkpoint/safetensors.js';
import { RnnError } from '../src/errors.js';
import { decodeSafetensors } from '../src/safetensors/decode.js';
import { modelCheckpoint } from './safetensors-arbitraries.js';

// The specification (huggingface/safetensors, README "Format"): 8 bytes, an unsigned 64-bit little-endian N;
// N bytes of UTF-8 JSON mapping tensor names to {dtype, shape, data_offsets: [begin, end)} relative to the byte
// buffer, plus an optional "__metadata__" map of strings; then the buffer, little-endian, row-major.

/** The 8 bytes of an unsigned 64-bit little-endian integer, least significant byte first (N < 2^32 here). */
const u64 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24, 0, 0, 0, 0];

/** A header text (ASCII here) followed by its data bytes, with the length prefix, as the specification lays out. */
function assemble(headerText: string, data: readonly number[]): Uint8Array {
  const header = [...headerText].map((char) => char.charCodeAt(0));
  return Uint8Array.from([...u64(header.length), ...header, ...data]);
}

// IEEE 754 binary64 and binary32 bit patterns, written out by hand and stored least significant byte first.
const F64 = {
  one: [0, 0, 0, 0, 0, 0, 0xf0, 0x3f], // 0x3FF0000000000000 = 1
  minusHalf: [0, 0, 0, 0, 0, 0, 0xe0, 0xbf], // 0xBFE0000000000000 = −0.5
  quarter: [0, 0, 0, 0, 0, 0, 0xd0, 0x3f], // 0x3FD0000000000000 = 0.25
  two: [0, 0, 0, 0, 0, 0, 0x00, 0x40], // 0x4000000000000000 = 2
  minusThree: [0, 0, 0, 0, 0, 0, 0x08, 0xc0], // 0xC008000000000000 = −3
  nan: [0, 0, 0, 0, 0, 0, 0xf8, 0x7f], // 0x7FF8000000000000 = NaN
};
const F32 = {
  one: [0, 0, 0x80, 0x3f], // 0x3F800000
  minusHalf: [0, 0, 0, 0xbf], // 0xBF000000
  quarter: [0, 0, 0x80, 0x3e], // 0x3E800000
  two: [0, 0, 0, 0x40], // 0x40000000
  minusThree: [0, 0, 0x40, 0xc0], // 0xC0400000
};

/** The __metadata__ of a two-token char model with H = 1, as JSON text (strings holding JSON are escaped). */
const METADATA =
  '"__metadata__":{"format":"rnn-core","version":"1","step":"3","precision":"float64",' +
  '"vocabulary":"{\\"level\\":\\"char\\",\\"tokens\\":[\\"a\\",\\"b\\"]}",' +
  '"hyperparameters":"{\\"hiddenSize\\":1,\\"seqLength\\":4,\\"learningRate\\":0.1,\\"clip\\":5,' +
  '\\"optimizer\\":\\"adagrad\\",\\"truncate\\":null}"}';

/** V [2,1] = [1, −0.5], W [1,1] = [0.25], U [1,2] = [2, −3], in F64: the tensor entries of the header. */
const TENSORS_F64 =
  '"decoder.weight":{"dtype":"F64","shape":[2,1],"data_offsets":[0,16]},' +
  '"rnn.weight_hh_l0":{"dtype":"F64","shape":[1,1],"data_offsets":[16,24]},' +
  '"rnn.weight_ih_l0":{"dtype":"F64","shape":[1,2],"data_offsets":[24,40]}';
const DATA_F64 = [...F64.one, ...F64.minusHalf, ...F64.quarter, ...F64.two, ...F64.minusThree];

function codeAndMessage(bytes: Uint8Array): [string, string] {
  try {
    checkpointFromSafetensors(bytes);
  } catch (error) {
    if (error instanceof RnnError) return [error.code, error.message];
    throw error;
  }
  throw new Error('expected an RnnError, but the file was read');
}

describe('a file assembled byte by byte from the specification', () => {
  it('reads as the model it describes (F64, header length not a multiple of 8)', () => {
    const bytes = assemble(`{${METADATA},${TENSORS_F64}}`, DATA_F64);
    expect((bytes.length - 40) % 8).not.toBe(0); // the data is not aligned: the reader must not assume it
    const { checkpoint, vocabulary, dtype, precision } = checkpointFromSafetensors(bytes);
    expect([...checkpoint.parameters.U]).toEqual([2, -3]);
    expect([...checkpoint.parameters.W]).toEqual([0.25]);
    expect([...checkpoint.parameters.V]).toEqual([1, -0.5]);
    expect(vocabulary.tokens).toEqual(['a', 'b']);
    expect([dtype, precision, checkpoint.progress.step]).toEqual(['float64', 'float64', 3]);
    expect(checkpoint.hyperparameters).toMatchObject({
      hiddenSize: 1,
      seqLength: 4,
      truncate: null,
      batchSize: 1,
    });
  });

  it('reads F32 tensors listed in any order, with the data in another order, and spaces around the JSON', () => {
    const header =
      `{ "rnn.weight_ih_l0": {"shape": [1, 2], "data_offsets": [4, 12], "dtype": "F32"},\n` +
      ` ${METADATA},\n "decoder.weight": {"dtype": "F32", "data_offsets": [12, 20], "shape": [2, 1]},\n` +
      ` "rnn.weight_hh_l0": {"dtype": "F32", "shape": [1, 1], "data_offsets": [0, 4]} }    `;
    const data = [...F32.quarter, ...F32.two, ...F32.minusThree, ...F32.one, ...F32.minusHalf];
    const { checkpoint, dtype } = checkpointFromSafetensors(assemble(header, data));
    expect([...checkpoint.parameters.U]).toEqual([2, -3]);
    expect([...checkpoint.parameters.W]).toEqual([0.25]);
    expect([...checkpoint.parameters.V]).toEqual([1, -0.5]);
    expect(dtype).toBe('float32');
    // The same file with 4 bytes that no tensor covers: the reader refuses the gap rather than guess.
    const gap = header.replace('[4, 12]', '[8, 16]').replace('[12, 20]', '[16, 24]');
    const [code, message] = codeAndMessage(assemble(gap, [...F32.quarter, 0, 0, 0, 0, ...data.slice(4)]));
    expect([code, message]).toEqual([
      'bad-offsets',
      expect.stringContaining('gap of 4 bytes after tensor "rnn.weight_hh_l0"'),
    ]);
  });

  it('has the same data bytes as our writer gives for that model (the same layout: names in order)', () => {
    const { checkpoint } = checkpointFromSafetensors(assemble(`{${METADATA},${TENSORS_F64}}`, DATA_F64));
    const ours = checkpointToSafetensors(checkpoint);
    expect([...ours.subarray(ours.length - 40)]).toEqual(DATA_F64);
    expect(decodeSafetensors(ours).tensors['rnn.weight_ih_l0']?.shape).toEqual([1, 2]);
  });
});

describe('hand-made files that break one rule', () => {
  const good = (tensors = TENSORS_F64, data = DATA_F64, metadata = METADATA) =>
    assemble(`{${metadata},${tensors}}`, data);

  it.each([
    ['a file shorter than the length prefix', Uint8Array.of(1, 0, 0), 'truncated', '3 bytes'],
    ['a header longer than the file', good().subarray(0, 100), 'truncated', 'header'],
    ['data cut short', good().subarray(0, good().length - 1), 'truncated', 'rnn.weight_ih_l0'],
    ['a header that is not JSON', assemble('{"a":', []), 'bad-header', 'not JSON'],
    ['a header that is not an object', assemble('[1]', []), 'bad-header', '"{"'],
    ['invalid UTF-8 in the header', Uint8Array.from([...u64(3), 0x7b, 0xff, 0x7d]), 'bad-header', 'UTF-8'],
    [
      'a key written twice',
      assemble(`{${METADATA},${TENSORS_F64},${TENSORS_F64.split(',"rnn')[0]}}`, DATA_F64),
      'bad-header',
      'decoder.weight',
    ],
    [
      'a metadata value that is not a string',
      good(TENSORS_F64, DATA_F64, METADATA.replace('"step":"3"', '"step":3')),
      'bad-header',
      '__metadata__.step',
    ],
    [
      'an unknown dtype',
      good(TENSORS_F64.replace('"F64","shape":[2,1]', '"F16","shape":[2,1]')),
      'bad-dtype',
      '"decoder.weight": dtype "F16"',
    ],
    [
      'a dtype that is no safetensors dtype',
      good(TENSORS_F64.replace('"F64","shape":[1,1]', '"float","shape":[1,1]')),
      'bad-dtype',
      'not a safetensors dtype',
    ],
    [
      'offsets that overlap',
      good(TENSORS_F64.replace('[16,24]', '[8,16]').replace('[24,40]', '[16,32]'), DATA_F64.slice(0, 32)),
      'bad-offsets',
      'overlaps',
    ],
    [
      'offsets that lie about the size',
      good(TENSORS_F64.replace('[24,40]', '[24,32]'), DATA_F64.slice(0, 32)),
      'bad-offsets',
      'needs 16 bytes',
    ],
    ['offsets past the data', good(TENSORS_F64.replace('[24,40]', '[24,48]')), 'truncated', 'reach past'],
    ['bytes after the last tensor', good(TENSORS_F64, [...DATA_F64, 0]), 'bad-offsets', '41 bytes'],
    [
      'offsets that are not [begin, end]',
      good(TENSORS_F64.replace('[16,24]', '[24,16]')),
      'bad-offsets',
      'rnn.weight_hh_l0',
    ],
    [
      'a shape that is not sizes',
      good(TENSORS_F64.replace('[1,1]', '[1,-1]')),
      'bad-shape',
      'rnn.weight_hh_l0',
    ],
    [
      'a missing tensor',
      good(TENSORS_F64.split(',"rnn.weight_ih')[0], DATA_F64.slice(0, 24)),
      'missing-tensor',
      'rnn.weight_ih_l0',
    ],
    [
      'a bias',
      good(`${TENSORS_F64},"decoder.bias":{"dtype":"F64","shape":[2],"data_offsets":[40,56]}`, [
        ...DATA_F64,
        ...F64.one,
        ...F64.one,
      ]),
      'unknown-tensor',
      'decoder.bias',
    ],
    [
      'a vocabulary that disagrees with the shapes',
      good(TENSORS_F64, DATA_F64, METADATA.replace('\\"b\\"]', '\\"b\\",\\"c\\"]')),
      'bad-shape',
      'K = 3',
    ],
    [
      'a hidden size that disagrees with the shapes',
      good(TENSORS_F64, DATA_F64, METADATA.replace('hiddenSize\\":1', 'hiddenSize\\":2')),
      'bad-shape',
      'H = 2',
    ],
    [
      'a NaN weight',
      good(TENSORS_F64, [...DATA_F64.slice(0, 16), ...F64.nan, ...DATA_F64.slice(24)]),
      'not-finite',
      'rnn.weight_hh_l0',
    ],
    [
      'another format',
      good(TENSORS_F64, DATA_F64, METADATA.replace('rnn-core', 'pt')),
      'bad-format',
      '__metadata__.format',
    ],
    [
      'another version',
      good(TENSORS_F64, DATA_F64, METADATA.replace('"version":"1"', '"version":"2"')),
      'bad-version',
      '__metadata__.version',
    ],
    [
      'a step that is not a count',
      good(TENSORS_F64, DATA_F64, METADATA.replace('"step":"3"', '"step":"3.5"')),
      'bad-field',
      '__metadata__.step',
    ],
    [
      'an unknown precision',
      good(TENSORS_F64, DATA_F64, METADATA.replace('"float64"', '"float16"')),
      'bad-field',
      '__metadata__.precision',
    ],
    [
      'a vocabulary that is not JSON',
      good(TENSORS_F64, DATA_F64, METADATA.replace('"{\\"level', '"{level')),
      'bad-field',
      '__metadata__.vocabulary',
    ],
    [
      'a repeated token',
      good(TENSORS_F64, DATA_F64, METADATA.replace('\\"b\\"]', '\\"a\\"]')),
      'bad-field',
      'vocabulary',
    ],
    [
      'hyperparameters without the learning rate',
      good(TENSORS_F64, DATA_F64, METADATA.replace('\\"learningRate\\":0.1,', '')),
      'bad-field',
      'learningRate',
    ],
  ])('%s: %s', (_, bytes, code, fragment) => {
    const [actualCode, message] = codeAndMessage(bytes as Uint8Array);
    expect(actualCode).toBe(code);
    expect(message).toContain(fragment);
    expect(message).not.toContain('\n');
  });

  it('name the bias and say why it cannot be dropped', () => {
    const checkpoint = modelCheckpoint(2, 1, [0.5]);
    const file = decodeSafetensors(checkpointToSafetensors(checkpoint));
    expect(Object.keys(file.tensors)).toHaveLength(3);
    const [, message] = codeAndMessage(
      good(`${TENSORS_F64},"rnn.bias_ih_l0":{"dtype":"F64","shape":[1],"data_offsets":[40,48]}`, [
        ...DATA_F64,
        ...F64.one,
      ]),
    );
    expect(message).toMatch(/"rnn\.bias_ih_l0".*bias=False/);
  });
});
