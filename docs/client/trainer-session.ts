// The page's side of the trainer's worker: start it, send commands, hand its messages to the page.
import type { CheckpointFormat, FromWorker, RunSettings, ToWorker } from './train-protocol.js';

/**
 * One training run in its own Web Worker (a new run gets a new worker, so nothing of the last one remains).
 *
 * @example
 * ```ts
 * const session = new TrainerSession((message) => run.apply(message));
 * session.start({ text, source: 'mine.txt', hiddenSize: 16, seqLength: 25, learningRate: 0.1, steps: 150, sampleEvery: 50, seed: 1 });
 * session.pause();
 * ```
 */
export class TrainerSession {
  private readonly worker: Worker;

  constructor(onMessage: (message: FromWorker) => void) {
    this.worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => onMessage(event.data);
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      onMessage({
        type: 'failed',
        message: `the training worker failed: ${event.message || 'it did not load'}`,
      });
    };
  }

  start(settings: RunSettings): void {
    this.send({ type: 'start', settings });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  stop(): void {
    this.send({ type: 'stop' });
  }

  /** Asks for a snapshot of the latest completed step; it arrives as a 'checkpoint' message. */
  requestCheckpoint(format: CheckpointFormat): void {
    this.send({ type: 'checkpoint', format });
  }

  /** Ends the worker at once (the page is left, or a new run replaces this one). */
  close(): void {
    this.worker.terminate();
  }

  private send(command: ToWorker): void {
    this.worker.postMessage(command);
  }
}
