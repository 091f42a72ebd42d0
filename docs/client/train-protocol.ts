// The messages between the trainer page and its worker: commands in, the trainer's events (in batches) out.
import type { TrainEvent } from '@rnn/core';

/**
 * The checkpoint formats the page offers; the worker encodes each (see train-worker.ts).
 *
 * @example
 * ```ts
 * CHECKPOINT_FORMATS.json.fileSuffix; // '.checkpoint.json'
 * ```
 */
export const CHECKPOINT_FORMATS = {
  json: { label: 'JSON', fileSuffix: '.checkpoint.json', mime: 'application/json' },
  safetensors: { label: 'safetensors', fileSuffix: '.safetensors', mime: 'application/octet-stream' },
} as const;

/**
 * A key of {@link CHECKPOINT_FORMATS}.
 *
 * @example
 * ```ts
 * session.requestCheckpoint('json' satisfies CheckpointFormat);
 * ```
 */
export type CheckpointFormat = keyof typeof CHECKPOINT_FORMATS;

/**
 * What the page sets before pressing Train (the rest of train()'s options keep their defaults).
 *
 * @example
 * ```ts
 * const settings: RunSettings = { text, source: 'mine.txt', hiddenSize: 16, seqLength: 25, learningRate: 0.1, steps: 150, sampleEvery: 50, seed: 1 };
 * ```
 */
export interface RunSettings {
  readonly text: string;
  readonly source: string;
  readonly hiddenSize: number;
  readonly seqLength: number;
  readonly learningRate: number;
  readonly steps: number;
  readonly sampleEvery: number;
  readonly seed: number;
}

/**
 * A command to the worker.
 *
 * @example
 * ```ts
 * worker.postMessage({ type: 'pause' } satisfies ToWorker);
 * ```
 */
export type ToWorker =
  | { readonly type: 'start'; readonly settings: RunSettings }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' }
  | { readonly type: 'checkpoint'; readonly format: CheckpointFormat };

/**
 * A message from the worker: the trainer's events in order (batched, so that a fast run does not flood the page),
 * the worker's own notices, or a checkpoint file.
 *
 * @example
 * ```ts
 * const message: FromWorker = { type: 'events', events: [{ type: 'sample', step: 50, text: 'The harbour' }] };
 * ```
 */
export type FromWorker =
  | { readonly type: 'events'; readonly events: readonly TrainEvent[] }
  | { readonly type: 'paused'; readonly step: number }
  | { readonly type: 'resumed' }
  | { readonly type: 'stopped'; readonly step: number }
  | { readonly type: 'failed'; readonly message: string }
  | {
      readonly type: 'checkpoint';
      readonly format: CheckpointFormat;
      readonly step: number;
      readonly contents: string | Uint8Array;
    };
