// The training stream's types: the events train() yields and the Trainer that produces them.
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import type { Level } from '../text/vocabulary.js';
import type { OptimizerName } from './optimizers/optimizer.js';

/**
 * The events of a training run, in order: start, then step / sample events, then done or error.
 *
 * @example
 * ```ts
 * for await (const event of train({ text, steps: 100 })) {
 *   if (event.type === 'error') throw new Error(event.message);
 * }
 * ```
 */
export type TrainEvent =
  | {
      type: 'start';
      source: string;
      level: Level;
      tokens: number;
      vocabSize: number;
      hiddenSize: number;
      seqLength: number;
      batchSize: number;
      parameterCount: number;
      optimizer: OptimizerName;
      learningRate: number;
      seed: number;
      totalSteps: number;
      startStep: number;
    }
  | {
      type: 'step';
      step: number;
      epoch: number;
      loss: number;
      smoothLoss: number;
      tokensPerSecond: number;
      learningRate: number;
      gradNorm: number;
      clipped: boolean;
      elapsedSeconds: number;
    }
  | { type: 'sample'; step: number; text: string }
  | { type: 'error'; step: number; message: string }
  | { type: 'done'; step: number; loss: number; smoothLoss: number; elapsedSeconds: number };

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
}
