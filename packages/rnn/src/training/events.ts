// The training stream's types: the events train() yields (and those its savers add) and the Trainer.
import type { Checkpoint, Precision } from '../checkpoint/checkpoint.js';
import type { Level } from '../text/vocabulary.js';
import type { OptimizerName } from './optimizers/optimizer.js';

/**
 * The first event: what is trained, how, and what the run wants its user to know before it starts.
 *
 * @example
 * ```ts
 * const start = (await train({ text, steps: 1 }).next()).value as StartEvent;
 * start.vocabSize; // e.g. 66
 * ```
 */
export interface StartEvent {
  readonly type: 'start';
  readonly source: string;
  readonly level: Level;
  /** Tokens in the whole text, held-out part included. */
  readonly tokens: number;
  /** Tokens held out at the end of the text for validation (0: no validation). */
  readonly validationTokens: number;
  /** Tokens of the fixed held-out sample scored at each evaluation (at most 20,000; 0: none). */
  readonly evalTokens: number;
  /** Steps between two evaluations (there is one at the last step as well). */
  readonly validateEvery: number;
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly seqLength: number;
  readonly batchSize: number;
  readonly parameterCount: number;
  /** The element type the run trains in. */
  readonly precision: Precision;
  readonly optimizer: OptimizerName;
  /** The rate of the first update (on resume: the checkpoint's, or the one that replaces it). */
  readonly learningRate: number;
  readonly seed: number;
  readonly totalSteps: number;
  readonly startStep: number;
  /** The lowest validation loss so far (carried over on resume), or null. */
  readonly bestValLoss: number | null;
  /** The step of `bestValLoss`, or null. */
  readonly bestStep: number | null;
  /** Lines for the user: a text too short to hold out, a learning rate that replaces the checkpoint's. */
  readonly notices: readonly string[];
}

/**
 * One optimizer update (every `logEvery` steps and at the last one).
 *
 * @example
 * ```ts
 * if (event.type === 'step') console.log(event.step, event.loss, event.bitsPerToken);
 * ```
 */
export interface StepEvent {
  readonly type: 'step';
  readonly step: number;
  /** Completed passes over the training text. */
  readonly epoch: number;
  /** Mean cross-entropy per token of this update, equation (2), in nats. */
  readonly loss: number;
  /** `loss` in bits: loss / ln 2 (bits per character at char level). */
  readonly bitsPerToken: number;
  /** 0.999 · previous + 0.001 · loss, from ln K (min-char-rnn). */
  readonly smoothLoss: number;
  /** Tokens per second of training since the previous step event (evaluations left out). */
  readonly tokensPerSecond: number;
  /** The rate this update used. */
  readonly learningRate: number;
  /** Euclidean norm of the gradient before clipping. */
  readonly gradNorm: number;
  /** Whether clipping changed an entry of the gradient. */
  readonly clipped: boolean;
  /** Wall-clock seconds since the run started. */
  readonly elapsedSeconds: number;
  /** `elapsedSeconds` less the time spent in evaluations and gradient-flow measurements. */
  readonly trainingSeconds: number;
}

/**
 * A validation loss: the mean cross-entropy of the held-out sample with the current parameters, no update.
 *
 * @example
 * ```ts
 * if (event.type === 'eval' && event.improved) saveCheckpoint('best.json', trainer.checkpoint());
 * ```
 */
export interface EvalEvent {
  readonly type: 'eval';
  readonly step: number;
  /** Mean cross-entropy per held-out token, in nats. */
  readonly valLoss: number;
  readonly valBitsPerToken: number;
  /** The lowest validation loss of the run so far (this one included) and its step. */
  readonly bestValLoss: number;
  readonly bestStep: number;
  /** True when this evaluation set a new best: `trainer.bestCheckpoint()` is this step's model. */
  readonly improved: boolean;
  /** Tokens scored. */
  readonly tokens: number;
  /** Seconds the evaluation took. */
  readonly seconds: number;
}

/**
 * How far back in time the gradient reaches: ‖∂s_t/∂s_r‖ (Frobenius) for the last step t of the latest chunk
 * and r = t, t − 1, …, 0, with the current parameters (see {@link gradientFlow}).
 *
 * @example
 * ```ts
 * if (event.type === 'gradient-flow') console.log(`reach ${event.reach ?? '> ' + (event.norms.length - 1)}`);
 * ```
 */
export interface GradientFlowEvent {
  readonly type: 'gradient-flow';
  readonly step: number;
  /** norms[d] = ‖∂s_t/∂s_{t−d}‖_F, d = 0 … T − 1; norms[0] = √H (the identity). */
  readonly norms: readonly number[];
  /** The first d whose norm is below 1e-3 · norms[0], or null when none in the chunk is. */
  readonly reach: number | null;
  /** Seconds the measurement took. */
  readonly seconds: number;
}

/**
 * A checkpoint written by the code that saves them (the CLI's worker): train() never yields it.
 *
 * @example
 * ```ts
 * const event: CheckpointEvent = { type: 'checkpoint', path: 'a.checkpoint.json', step: 1000, kind: 'latest' };
 * ```
 */
export interface CheckpointEvent {
  readonly type: 'checkpoint';
  readonly path: string;
  readonly step: number;
  /** `latest`: the run as it stands; `best`: the model of the lowest validation loss. */
  readonly kind: 'latest' | 'best';
}

/**
 * A checkpoint that could not be written (by the code that saves them; train() never yields it).
 *
 * @example
 * ```ts
 * const event: SaveFailedEvent = { type: 'save-failed', path: 'a.json', step: 9, kind: 'latest', message: 'disk full' };
 * ```
 */
export interface SaveFailedEvent {
  readonly type: 'save-failed';
  readonly path: string;
  readonly step: number;
  readonly kind: 'latest' | 'best';
  readonly message: string;
}

/**
 * Why a run stopped early: `not-finite`, a loss or gradient that is NaN or infinite; `diverged`, a smoothed loss
 * above 3 · ln K after step 100. The update of the failing step is not applied, so `Trainer.checkpoint()` is
 * the last good state.
 *
 * @example
 * ```ts
 * if (event.type === 'error') console.error(event.message); // 'training diverged at step 101: …'
 * ```
 */
export interface ErrorEvent {
  readonly type: 'error';
  /** The step that failed (its update was not applied). */
  readonly step: number;
  readonly reason: 'not-finite' | 'diverged';
  /** Names the step and the cause, and suggests a remedy. */
  readonly message: string;
  /** The failing step's loss and the smoothed loss it would have made (either may be NaN or infinite). */
  readonly loss: number;
  readonly smoothLoss: number;
}

/**
 * The events of a training run, in order: `start`, then `step`, `eval`, `sample` and `gradient-flow` events,
 * then `done` or `error`. Code that saves checkpoints adds `checkpoint` and `save-failed` to the same stream.
 *
 * @example
 * ```ts
 * for await (const event of train({ text, steps: 100 })) {
 *   if (event.type === 'error') throw new Error(event.message);
 * }
 * ```
 */
export type TrainEvent =
  | StartEvent
  | StepEvent
  | EvalEvent
  | { readonly type: 'sample'; readonly step: number; readonly text: string }
  | GradientFlowEvent
  | CheckpointEvent
  | SaveFailedEvent
  | ErrorEvent
  | {
      readonly type: 'done';
      readonly step: number;
      readonly loss: number;
      readonly smoothLoss: number;
      readonly elapsedSeconds: number;
    };

/**
 * A training run that can be iterated once and snapshotted at any time.
 *
 * @example
 * ```ts
 * const trainer: Trainer = createTrainer({ text, steps: 100 });
 * for await (const _ of trainer.run());
 * trainer.checkpoint().progress.step; // 100
 * ```
 */
export interface Trainer {
  /** The event stream; yields to the event loop at least every ~20 ms. */
  run(): AsyncGenerator<TrainEvent, void, void>;
  /** A snapshot of the state after the latest completed step. */
  checkpoint(): Checkpoint;
  /** A snapshot taken at the evaluation with the lowest validation loss of this run, if one improved on the best. */
  bestCheckpoint(): Checkpoint | undefined;
}
