// The metadata and tensors of an rnn-core safetensors file: names, precision, and the readers that check them.
import { jsonProblem, RnnError } from '../errors.js';
import type { SafetensorsTensor } from '../safetensors/format.js';
import { type Checkpoint, PRECISIONS, type Precision } from './checkpoint.js';
import { type JsonRecord, readChoice, readRecord } from './fields.js';

/**
 * The `__metadata__.format` of the safetensors files @rnn/core writes and reads.
 *
 * @example
 * ```ts
 * decodeSafetensors(bytes).metadata.format === SAFETENSORS_FORMAT; // true for `rnn export` output
 * ```
 */
export const SAFETENSORS_FORMAT = 'rnn-core';
/**
 * The `__metadata__.version` this package writes and reads.
 *
 * @example
 * ```ts
 * SAFETENSORS_VERSION; // '1'
 * ```
 */
export const SAFETENSORS_VERSION = '1';

/**
 * The tensor names of U, W and V: PyTorch's state-dict keys of `nn.RNN(K, H, bias=False)` (as `rnn`) followed by
 * `nn.Linear(H, K, bias=False)` (as `decoder`), fed one-hot x_t. The shapes already match: U [H,K], W [H,H], V [K,H].
 *
 * @example
 * ```ts
 * TENSOR_NAMES.U; // 'rnn.weight_ih_l0'
 * ```
 */
export const TENSOR_NAMES = { U: 'rnn.weight_ih_l0', W: 'rnn.weight_hh_l0', V: 'decoder.weight' } as const;

/**
 * The parameters in file order, by their names in @rnn/core.
 *
 * @example
 * ```ts
 * PARAMETERS.map((name) => TENSOR_NAMES[name]); // ['rnn.weight_ih_l0', 'rnn.weight_hh_l0', 'decoder.weight']
 * ```
 */
export const PARAMETERS = ['U', 'W', 'V'] as const;
/**
 * Parses metadata field `key` as JSON and checks that it is an object.
 *
 * @example
 * ```ts
 * metadataJson({ vocabulary: '{"level":"char","tokens":["a"]}' }, 'vocabulary').level; // 'char'
 * ```
 */
export function metadataJson(metadata: Readonly<Record<string, string>>, key: string): JsonRecord {
  const text = metadata[key];
  if (text === undefined) throw new RnnError('bad-field', `__metadata__.${key} is missing`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RnnError('bad-field', `__metadata__.${key} is not JSON (${jsonProblem(error)})`);
  }
  return readRecord({ [key]: value }, key, '__metadata__');
}

/**
 * The metadata's format, version, step and precision, each checked.
 *
 * @example
 * ```ts
 * readHeaderFields({ format: 'rnn-core', version: '1', step: '12', precision: 'float64' }); // { step: 12, precision: 'float64' }
 * ```
 */
export function readHeaderFields(metadata: Readonly<Record<string, string>>): {
  step: number;
  precision: Precision;
} {
  if (metadata.format !== SAFETENSORS_FORMAT) {
    const found = metadata.format === undefined ? 'missing' : JSON.stringify(metadata.format);
    throw new RnnError(
      'bad-format',
      `__metadata__.format is ${found}, expected "${SAFETENSORS_FORMAT}": not a model written by rnn export`,
    );
  }
  if (metadata.version !== SAFETENSORS_VERSION) {
    throw new RnnError(
      'bad-version',
      `__metadata__.version ${JSON.stringify(metadata.version ?? null)} is not supported (this reader reads version ${SAFETENSORS_VERSION})`,
    );
  }
  const step = Number(metadata.step);
  if (metadata.step === undefined || !/^\d+$/.test(metadata.step) || !Number.isSafeInteger(step)) {
    throw new RnnError(
      'bad-field',
      `__metadata__.step must be a whole number of steps, but it is ${JSON.stringify(metadata.step ?? null)}`,
    );
  }
  const precision = readChoice(metadata, 'precision', '__metadata__', PRECISIONS);
  return { step, precision };
}

/**
 * U, W and V from the file's tensors: each present, with its shape for K tokens and H hidden units, finite; and no
 * other tensor. Values are widened to float64; `dtype` is float64 when any tensor was stored as F64.
 *
 * @example
 * ```ts
 * readParameters(decodeSafetensors(bytes).tensors, 65, 100).parameters.W.length; // 10000
 * ```
 */
export function readParameters(
  tensors: Readonly<Record<string, SafetensorsTensor>>,
  K: number,
  H: number,
): { parameters: Checkpoint['parameters']; dtype: Precision } {
  const known: readonly string[] = Object.values(TENSOR_NAMES);
  const extra = Object.keys(tensors).filter((name) => !known.includes(name));
  if (extra.length > 0) {
    const bias = extra.some((name) => name.includes('bias'));
    throw new RnnError(
      'unknown-tensor',
      `tensor ${extra.map((name) => JSON.stringify(name)).join(', ')} is not part of this model (${known.join(', ')})${bias ? ': it has no biases, and dropping them would change the model; build nn.RNN and nn.Linear with bias=False' : ''}`,
    );
  }
  const shapes = { U: [H, K], W: [H, H], V: [K, H] };
  const dtypes = new Set<string>();
  const values = PARAMETERS.map((name) => {
    const key = TENSOR_NAMES[name];
    const tensor = tensors[key];
    if (tensor === undefined) throw new RnnError('missing-tensor', `tensor "${key}" (${name}) is missing`);
    const [rows, columns] = shapes[name] as [number, number];
    if (tensor.shape.length !== 2 || tensor.shape[0] !== rows || tensor.shape[1] !== columns) {
      throw new RnnError(
        'bad-shape',
        `tensor "${key}" (${name}) has shape [${tensor.shape.join(', ')}], but the vocabulary's K = ${K} tokens and hiddenSize H = ${H} need [${rows}, ${columns}]`,
      );
    }
    const bad = tensor.data.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) {
      throw new RnnError(
        'not-finite',
        `tensor "${key}" (${name}) entry [${Math.floor(bad / columns)}, ${bad % columns}] is ${tensor.data[bad]}`,
      );
    }
    dtypes.add(tensor.dtype);
    return Float64Array.from(tensor.data);
  }) as [Float64Array, Float64Array, Float64Array];
  const [U, W, V] = values;
  return { parameters: { U, W, V }, dtype: dtypes.has('F64') ? 'float64' : 'float32' };
}
