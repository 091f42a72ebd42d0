// Messages between the main thread (screen, keys, JSON) and the training worker.
import type { Checkpoint, CheckpointEvent, TrainEvent, TrainOptions } from '@rnn/core';
import type { SessionNotice } from '../session/model.js';

/**
 * What the worker is started with (its workerData).
 * @example new Worker(new URL('./worker.js', import.meta.url), { workerData: input satisfies WorkerInput });
 */
export interface WorkerInput {
  /** Trainer options without the checkpoint, which the worker loads itself from `resumePath`. */
  readonly options: Omit<TrainOptions, 'resume'>;
  readonly resumePath: string | undefined;
  /** The default checkpoint was picked up without --resume: a resume error then suggests --force. */
  readonly autoResumed: boolean;
  /** Where the latest state and the best model (lowest validation loss) are saved. */
  readonly checkpointPath: string;
  readonly bestPath: string;
  /** A best model of an earlier run, removed once the new run (--force) has started. */
  readonly staleBest: string | undefined;
  /** Save every N steps as well (0: only on request and at the end). */
  readonly saveEvery: number;
  /** Step events are batched and posted at most this often, in milliseconds. */
  readonly flushMs: number;
  /** The CLI's own lines for the user, added to the start event's notices. */
  readonly notices: readonly string[];
}

/**
 * Requests from the main thread, handled between two training steps.
 * @example worker.postMessage({ type: 'save' } satisfies ToWorker);
 */
export type ToWorker =
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'save' }
  | { readonly type: 'stop' };

/**
 * How a run ended.
 * @example { type: 'finished', outcome: 'done' } // a FromWorker message
 */
export type Outcome = 'done' | 'stopped' | 'diverged';

/**
 * Reports from the worker.
 * @example worker.on('message', (message: FromWorker) => { if (message.type === 'events') render(message.events); });
 */
export type FromWorker =
  | { readonly type: 'events'; readonly events: readonly TrainEvent[] }
  /**
   * A checkpoint to write: the main thread serialises and writes it (and reports it in the event stream), so
   * that the training thread goes on training meanwhile.
   */
  | {
      readonly type: 'save';
      readonly kind: CheckpointEvent['kind'];
      readonly path: string;
      readonly checkpoint: Checkpoint;
    }
  | SessionNotice
  /** The run could not start (usage: bad text or checkpoint, exit 2) or broke (exit 1). */
  | { readonly type: 'fatal'; readonly usage: boolean; readonly message: string }
  | { readonly type: 'finished'; readonly outcome: Outcome };
