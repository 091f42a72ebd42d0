// Checkpoint ⇄ safetensors bytes with PyTorch's names (nn.RNN + nn.Linear, no biases) and the run in __metadata__.
import { RnnError } from '../errors.js';
import { Random } from '../random.js';
import { decodeSafetensors } from '../safetensors/decode.js';
import { encodeSafetensors } from '../safetensors/encode.js';
import type { SafetensorsTensor } from '../safetensors/format.js';
import { type Vocabulary, vocabularyFromTokens } from '../text/vocabulary.js';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type Checkpoint,
  PRECISIONS,
  type Precision,
  precisionOf,
} from './checkpoint.js';
import { readChoice } from './fields.js';
import { readHyperparameters } from './hyperparameters.js';
import {
  metadataJson,
  PARAMETERS,
  readHeaderFields,
  readParameters,
  SAFETENSORS_FORMAT,
  SAFETENSORS_VERSION,
  TENSOR_NAMES,
} from './safetensors-metadata.js';

const DTYPE_OF = { float64: 'F64', float32: 'F32' } as const;

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
