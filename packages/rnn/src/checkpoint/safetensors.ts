// Checkpoint ⇄ safetensors bytes with PyTorch's names (nn.RNN + nn.Linear, no biases) and the run in __metadata__.
import { RnnError } from '../errors.js';
import { Random } from '../random.js';
import { decodeSafetensors, encodeSafetensors, type SafetensorsTensor } from '../safetensors/format.js';
import { type Vocabulary, vocabularyFromTokens } from '../text/vocabulary.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint } from './checkpoint.js';
import { type JsonRecord, readChoice, readRecord } from './fields.js';
import { readHyperparameters } from './hyperparameters.js';

/**
 * The floating-point types a model is trained or stored in.
 *
 * @example
 * ```ts
 * const precision: Precision = 'float32';
 * ```
 */
export type Precision = 'float64' | 'float32';

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

const PARAMETERS = ['U', 'W', 'V'] as const;
const DTYPE_OF = { float64: 'F64', float32: 'F32' } as const;
const PRECISIONS: readonly Precision[] = ['float64', 'float32'];

/**
 * The precision a checkpoint was trained in: its `hyperparameters.precision`, or 'float64' for checkpoints that
 * predate float32 training.
 *
 * @example
 * ```ts
 * precisionOf(loadCheckpoint('model.json')); // 'float64'
 * ```
 */
export function precisionOf(checkpoint: Checkpoint): Precision {
  const { precision } = checkpoint.hyperparameters as { precision?: unknown };
  return precision === 'float32' ? 'float32' : 'float64';
}

/**
 * Options of {@link checkpointToSafetensors}.
 *
 * @example
 * ```ts
 * const options: SafetensorsOptions = { dtype: 'float32' };
 * ```
 */
export interface SafetensorsOptions {
  /** The element type of the written tensors (default: the checkpoint's precision). float32 rounds to nearest. */
  readonly dtype?: Precision;
}

/**
 * The model of a checkpoint as safetensors bytes, in any JavaScript runtime: U, W, V under {@link TENSOR_NAMES},
 * and `__metadata__` with `format` ('rnn-core'), `version`, `source`, `vocabulary` (JSON `{level, tokens}`, ids in
 * order, special tokens included), `hyperparameters` (JSON), `step` and `precision`. Optimizer memory and the
 * carried hidden state stay behind: they belong to the JSON checkpoint. Bytes that would not read back (a value
 * that overflows float32, a non-finite parameter) are refused with the error reading them would give.
 *
 * @example
 * ```ts
 * const bytes = checkpointToSafetensors(trainer.checkpoint(), { dtype: 'float32' });
 * new Blob([bytes]); // a download for the browser, or writeFileSync('model.safetensors', bytes)
 * ```
 */
export function checkpointToSafetensors(
  checkpoint: Checkpoint,
  options: SafetensorsOptions = {},
): Uint8Array {
  const dtype = options.dtype ?? precisionOf(checkpoint);
  if (!PRECISIONS.includes(dtype)) {
    throw new RnnError(
      'bad-argument',
      `checkpointToSafetensors: dtype must be float64 or float32, got ${String(dtype)}`,
    );
  }
  const K = checkpoint.vocabulary.tokens.length;
  const H = checkpoint.hyperparameters.hiddenSize;
  const shapes = { U: [H, K], W: [H, H], V: [K, H] };
  const tensors: Record<string, SafetensorsTensor> = {};
  for (const name of PARAMETERS) {
    const values = checkpoint.parameters[name];
    const data = dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
    tensors[TENSOR_NAMES[name]] = { dtype: DTYPE_OF[dtype], shape: shapes[name], data };
  }
  const bytes = encodeSafetensors({
    tensors,
    metadata: {
      format: SAFETENSORS_FORMAT,
      version: SAFETENSORS_VERSION,
      source: checkpoint.source,
      vocabulary: JSON.stringify({
        level: checkpoint.vocabulary.level,
        tokens: checkpoint.vocabulary.tokens,
      }),
      hyperparameters: JSON.stringify(checkpoint.hyperparameters),
      step: String(checkpoint.progress.step),
      precision: precisionOf(checkpoint),
    },
  });
  try {
    checkpointFromSafetensors(bytes);
  } catch (error) {
    if (error instanceof RnnError)
      throw new RnnError(error.code, `checkpointToSafetensors: refusing to write: ${error.message}`);
    throw error;
  }
  return bytes;
}

/**
 * A model read from safetensors: a Checkpoint ready for `sampleText` or `train({ resume })`, and what the file
 * said about itself. The file holds no optimizer memory and no hidden state, so `checkpoint.optimizer` is fresh
 * (Adagrad's memory zero), `progress` restarts at position 0 with a zero hidden state and the run's seed, and only
 * `progress.step` comes from the file.
 *
 * @example
 * ```ts
 * const { checkpoint, vocabulary, dtype } = checkpointFromSafetensors(bytes);
 * vocabulary.decode([0, 1]); dtype; // 'float32' for a file written with --dtype float32
 * ```
 */
export interface SafetensorsCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly vocabulary: Vocabulary;
  /** The element type the tensors were stored in. */
  readonly dtype: Precision;
  /** The precision the model was trained in (metadata `precision`). */
  readonly precision: Precision;
  /** The whole `__metadata__` map, unknown keys included. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** Parses metadata field `key` as JSON and checks that it is an object. */
function metadataJson(metadata: Readonly<Record<string, string>>, key: string): JsonRecord {
  const text = metadata[key];
  if (text === undefined) throw new RnnError('bad-field', `__metadata__.${key} is missing`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RnnError('bad-field', `__metadata__.${key} is not JSON (${(error as Error).message})`);
  }
  return readRecord({ [key]: value }, key, '__metadata__');
}

/** The metadata's format, version, step and precision. */
function readHeaderFields(metadata: Readonly<Record<string, string>>): {
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

/** Each of U, W, V present once, with its shape for K tokens and H hidden units, finite; nothing else. */
function readParameters(
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

/**
 * Reads safetensors bytes written by {@link checkpointToSafetensors}, `rnn export` or the exported `train_ddp.py`,
 * in any JavaScript runtime. Every byte is validated (see {@link decodeSafetensors}), then the metadata, the
 * vocabulary against the tensor shapes, and every value for finiteness. A tensor beyond U, W and V is an error that
 * names it (PyTorch's default biases would otherwise be dropped silently). F32 tensors are widened exactly.
 * Throws RnnError (`truncated`, `bad-header`, `bad-dtype`, `bad-offsets`, `bad-format`, `bad-version`,
 * `bad-field`, `bad-shape`, `missing-tensor`, `unknown-tensor`, `not-finite`) with a message naming the field.
 *
 * @example
 * ```ts
 * const { checkpoint } = checkpointFromSafetensors(new Uint8Array(await (await fetch('/model.safetensors')).arrayBuffer()));
 * sampleText(checkpoint, { length: 100, seed: 1 });
 * ```
 */
export function checkpointFromSafetensors(bytes: Uint8Array): SafetensorsCheckpoint {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const { step, precision } = readHeaderFields(metadata);
  const vocabularyRecord = metadataJson(metadata, 'vocabulary');
  const level = readChoice(vocabularyRecord, 'level', '__metadata__.vocabulary', ['char', 'word'] as const);
  const tokens = vocabularyRecord.tokens;
  if (!Array.isArray(tokens))
    throw new RnnError('bad-field', '__metadata__.vocabulary.tokens must be an array of strings');
  let vocabulary: Vocabulary;
  try {
    vocabulary = vocabularyFromTokens(level, tokens as string[]);
  } catch (error) {
    if (error instanceof RnnError)
      throw new RnnError('bad-field', `__metadata__.vocabulary: ${error.message}`);
    throw error;
  }
  const hyperparameters = readHyperparameters(
    metadataJson(metadata, 'hyperparameters'),
    '__metadata__.hyperparameters',
    true,
  );
  const K = vocabulary.size;
  const H = hyperparameters.hiddenSize;
  const { parameters, dtype } = readParameters(tensors, K, H);
  const sizes = [parameters.U.length, parameters.W.length, parameters.V.length];
  const checkpoint: Checkpoint = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    source: metadata.source ?? 'safetensors',
    vocabulary: { level, tokens: vocabulary.tokens },
    hyperparameters,
    parameters,
    optimizer: {
      name: hyperparameters.optimizer,
      learningRate: hyperparameters.learningRate,
      memory: hyperparameters.optimizer === 'adagrad' ? sizes.map((n) => new Float64Array(n)) : [],
      previousEvaluation: null,
      windowLoss: 0,
      windowSteps: 0,
    },
    progress: {
      step,
      epoch: 0,
      position: 0,
      hidden: new Float64Array(hyperparameters.batchSize * H),
      smoothLoss: Math.log(K),
      loss: Number.NaN,
      random: new Random(hyperparameters.seed).state(),
    },
  };
  return { checkpoint, vocabulary, dtype, precision, metadata };
}
