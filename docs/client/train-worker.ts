// The trainer page's Web Worker: runs train()'s event stream off the page's thread, with pause, resume and stop.
import {
  type Checkpoint,
  checkpointToJson,
  checkpointToSafetensors,
  createTrainer,
  type TrainEvent,
  type Trainer,
} from '@rnn/core';
import type { CheckpointFormat, FromWorker, RunSettings, ToWorker } from './train-protocol.js';

/** The slice of the worker global scope used here (the project's TypeScript libs are the DOM's, not a worker's). */
interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;

/** Events are sent at most this often, in one message: a small model steps thousands of times a second. */
const FLUSH_EVERY_MS = 50;

/** How each offered format is written; the type makes every format of CHECKPOINT_FORMATS have an encoder. */
const ENCODERS: Readonly<Record<CheckpointFormat, (checkpoint: Checkpoint) => string | Uint8Array>> = {
  json: checkpointToJson,
  safetensors: (checkpoint) => checkpointToSafetensors(checkpoint),
};

let trainer: Trainer | undefined;
let paused = false;
let stopped = false;
let wake: (() => void) | undefined;
let step = 0;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Collects events and sends them together, at most once per {@link FLUSH_EVERY_MS} after the first step, so that
 * every state the page shows stays on screen for a moment: a small model finishes 150 steps in a few tens of ms.
 */
class Outbox {
  private pending: TrainEvent[] = [];
  private sentAt = 0;
  private firstStepSent = false;

  push(event: TrainEvent): void {
    this.pending.push(event);
    const first = event.type === 'start' || (event.type === 'step' && !this.firstStepSent);
    if (event.type === 'step') this.firstStepSent = true;
    if (first || performance.now() - this.sentAt >= FLUSH_EVERY_MS) this.flush();
  }

  flush(): void {
    if (this.pending.length > 0) scope.postMessage({ type: 'events', events: this.pending });
    this.pending = [];
    this.sentAt = performance.now();
  }

  /** Sends what is left once the interval since the last message has passed. */
  async settle(): Promise<void> {
    const wait = this.sentAt + FLUSH_EVERY_MS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.flush();
  }
}

async function run(settings: RunSettings): Promise<void> {
  try {
    trainer = createTrainer(settings);
  } catch (error) {
    scope.postMessage({ type: 'failed', message: messageOf(error) });
    return;
  }
  const outbox = new Outbox();
  try {
    for await (const event of trainer.run()) {
      if ('step' in event && typeof event.step === 'number') step = event.step;
      outbox.push(event);
      if (paused && !stopped) {
        outbox.flush();
        scope.postMessage({ type: 'paused', step });
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        if (!stopped) scope.postMessage({ type: 'resumed' });
      }
      if (stopped) break;
    }
  } catch (error) {
    outbox.flush();
    scope.postMessage({ type: 'failed', message: messageOf(error) });
    return;
  }
  await outbox.settle();
  if (stopped) scope.postMessage({ type: 'stopped', step });
}

scope.onmessage = ({ data: command }) => {
  switch (command.type) {
    case 'start':
      if (trainer === undefined) void run(command.settings);
      break;
    case 'pause':
      paused = true;
      break;
    case 'resume':
      paused = false;
      wake?.();
      break;
    case 'stop':
      stopped = true;
      wake?.();
      break;
    case 'checkpoint':
      if (trainer !== undefined) {
        const checkpoint = trainer.checkpoint();
        const contents = ENCODERS[command.format](checkpoint);
        scope.postMessage({
          type: 'checkpoint',
          format: command.format,
          step: checkpoint.progress.step,
          contents,
        });
      }
      break;
  }
};
