// The Checkpoint value: everything needed to sample from a model or continue its training exactly.

import type { Level } from '../text/vocabulary.js';
import type { OptimizerName, OptimizerState } from '../training/optimizers/optimizer.js';

/**
 * The `format` field of every checkpoint file.
 *
 * @example
 * ```ts
 * loadCheckpoint('model.json').format === CHECKPOINT_FORMAT; // true
 * ```
 */
export const CHECKPOINT_FORMAT = 'rnn-core-checkpoint';
/**
 * The checkpoint layout version this package writes and reads.
 *
 * @example
 * ```ts
 * loadCheckpoint('model.json').version; // 1
 * ```
 */
export const CHECKPOINT_VERSION = 1;

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
 * The precisions a model may be trained in, recorded in and stored as.
 *
 * @example
 * ```ts
 * PRECISIONS.includes('float32'); // true
 * ```
 */
export const PRECISIONS: readonly Precision[] = ['float64', 'float32'];

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
  // a checkpoint built in memory by code that predates the field may lack it
  const { precision } = checkpoint.hyperparameters as { precision?: unknown };
  return precision === 'float32' ? 'float32' : 'float64';
}

/**
 * The settings a training run was started with (all defaults resolved).
 *
 * @example
 * ```ts
 * loadCheckpoint('model.json').hyperparameters.hiddenSize; // e.g. 100
 * ```
 */
export interface Hyperparameters {
  readonly hiddenSize: number;
  readonly seqLength: number;
  readonly batchSize: number;
  /** The initial learning rate (the current one is in the optimizer state). */
  readonly learningRate: number;
  readonly optimizer: OptimizerName;
  readonly seed: number;
  /** Truncated BPTT horizon, or null for full BPTT over each chunk. */
  readonly truncate: number | null;
  readonly clip: number;
  readonly evaluateEvery: number;
  readonly halveOnRise: boolean;
  /** The vocabulary cap the run used, or null for none. */
  readonly maxVocabulary: number | null;
  /** The element type the run trains in (checkpoints written before float32 training read as 'float64'). */
  readonly precision: Precision;
}

/**
 * Where the run stood after its latest completed step.
 *
 * @example
 * ```ts
 * const { step, epoch, smoothLoss } = loadCheckpoint('model.json').progress;
 * ```
 */
export interface TrainingProgress {
  /** Completed optimizer updates. */
  readonly step: number;
  /** Completed passes over the text. */
  readonly epoch: number;
  /** Offset of the next chunk inside each of the batchSize segments of the text. */
  readonly position: number;
  /** The hidden state carried into the next chunk, batchSize rows of hiddenSize. */
  readonly hidden: Float64Array;
  /** 0.999 · previous + 0.001 · loss, starting at log K (min-char-rnn). */
  readonly smoothLoss: number;
  /** The loss of the latest step (NaN before the first step). */
  readonly loss: number;
  /** The state of the run's Random (see Random.state()). */
  readonly random: readonly number[];
}

/**
 * The validation record of a run: how much of the text was held out, and the latest and lowest validation loss.
 * A checkpoint written before validation existed has none; a run without a split records fraction 0.
 *
 * @example
 * ```ts
 * const { bestLoss, bestStep } = loadCheckpoint('model.json').validation ?? {};
 * ```
 */
export interface ValidationProgress {
  /** The share of the text held out at its end (0: no validation). */
  readonly fraction: number;
  /** Tokens held out. */
  readonly tokens: number;
  /** The latest evaluation's step and mean loss per token (nats), or null before the first. */
  readonly step: number | null;
  readonly loss: number | null;
  /** The lowest validation loss so far and its step, or null before the first evaluation. */
  readonly bestStep: number | null;
  readonly bestLoss: number | null;
}

/**
 * A snapshot of a model and its training. Plain data (typed arrays, no classes), so that it can be
 * posted between worker threads and written to JSON by {@link checkpointToJson} or
 * {@link "@rnn/core/node"!saveCheckpoint | saveCheckpoint}.
 *
 * @example
 * ```ts
 * const trainer = createTrainer({ text: 'hello world', steps: 10 });
 * for await (const _ of trainer.run());
 * const checkpoint: Checkpoint = trainer.checkpoint();
 * checkpoint.progress.step; // 10
 * ```
 */
export interface Checkpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: typeof CHECKPOINT_VERSION;
  /** The name of the text the model was trained on, for display. */
  readonly source: string;
  readonly vocabulary: { readonly level: Level; readonly tokens: readonly string[] };
  readonly hyperparameters: Hyperparameters;
  /** Row-major U [H, K], W [H, H], V [K, H]. */
  readonly parameters: { readonly U: Float64Array; readonly W: Float64Array; readonly V: Float64Array };
  readonly optimizer: OptimizerState;
  readonly progress: TrainingProgress;
  /** The validation split and losses (absent in checkpoints written before validation existed). */
  readonly validation?: ValidationProgress;
}
