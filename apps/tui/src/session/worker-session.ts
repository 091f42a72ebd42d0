// The real Session: training runs in a worker thread; its events fold into the model on the main thread.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Checkpoint, CheckpointEvent, TrainEvent } from '@rnn/core';
import { saveCheckpoint } from '@rnn/core/node';
import type { FromWorker, Outcome, ToWorker, WorkerInput } from '../worker/protocol.js';
import { type SessionNotice, TrainingModel } from './model.js';
import type { Session, StopReason } from './session.js';

/**
 * How the session ended, with the exit status the CLI should return.
 * @example await session.ended // { exitCode: 130, outcome: 'stopped', message: undefined } after Ctrl-C
 */
export interface SessionEnd {
  readonly exitCode: number;
  /** A line for stderr when the run did not end well. */
  readonly message: string | undefined;
  readonly outcome: Outcome | 'fatal';
}

/**
 * Trains in a worker thread (`workerUrl`, the bundled worker script, started by `start()`) and exposes it as
 * a Session. `onEvent` sees every event and notice in order (the JSON renderer prints from it).
 * @example
 * const session = new WorkerSession(new URL('./worker.js', import.meta.url), input);
 * session.start();
 * const end = await session.ended; // { exitCode: 0, outcome: 'done', message: undefined }
 */
export class WorkerSession implements Session {
  readonly model = new TrainingModel();
  /** Resolves once the worker has finished (after its last save) or failed. */
  readonly ended: Promise<SessionEnd>;
  private resolveEnded: (end: SessionEnd) => void = () => {};
  private worker: Worker | undefined;
  private readonly listeners = new Set<() => void>();
  private stopReason: StopReason | undefined;

  constructor(
    private readonly workerUrl: URL,
    private readonly input: WorkerInput,
    private readonly onEvent: (event: TrainEvent | SessionNotice) => void = () => {},
  ) {
    this.ended = new Promise<SessionEnd>((resolve) => {
      this.resolveEnded = resolve;
    });
  }

  /**
   * Starts the training worker (once). The live screen calls it after its first frame, so that on a busy
   * machine the worker's start-up does not delay that frame.
   */
  start(): void {
    if (this.worker !== undefined) return;
    const worker = new Worker(this.workerUrl, { workerData: this.input });
    this.worker = worker;
    const finish = (end: SessionEnd) => {
      this.resolveEnded(end);
      void worker.terminate();
    };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'events') this.apply(...message.events);
      else if (message.type === 'save') this.write(message.kind, message.path, message.checkpoint);
      else if (message.type === 'fatal') {
        finish({ exitCode: message.usage ? 2 : 1, message: message.message, outcome: 'fatal' });
      } else if (message.type === 'finished') finish(this.endOf(message.outcome));
      else this.apply(message);
    });
    worker.on('error', (error) => finish({ exitCode: 1, message: error.message, outcome: 'fatal' }));
    worker.on('exit', (code) =>
      finish({
        exitCode: 1,
        message: `the training worker stopped unexpectedly (${code})`,
        outcome: 'fatal',
      }),
    );
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  togglePause(): void {
    const pausing = this.model.status === 'running';
    if (!pausing && this.model.status !== 'paused') return;
    this.send({ type: pausing ? 'pause' : 'resume' });
    this.apply({ type: pausing ? 'paused' : 'resumed' });
  }

  save(): void {
    this.send({ type: 'save' });
    this.apply({ type: 'saving' });
  }

  stop(reason: StopReason): void {
    this.stopReason ??= reason;
    this.send({ type: 'stop' });
    this.apply({ type: 'stopping' });
  }

  /**
   * Writes a checkpoint the worker handed over, atomically (by @rnn/core), and reports it (or the failure) in the
   * event stream. Messages arrive in order, so a run's last save is written before its 'finished' is handled.
   */
  private write(kind: CheckpointEvent['kind'], path: string, checkpoint: Checkpoint): void {
    const step = checkpoint.progress.step;
    try {
      saveCheckpoint(path, checkpoint);
      this.apply({ type: 'checkpoint', path, step, kind });
    } catch (error) {
      this.apply({ type: 'save-failed', path, step, kind, message: (error as Error).message });
    }
  }

  private send(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private apply(...events: (TrainEvent | SessionNotice)[]): void {
    for (const event of events) {
      this.model.apply(event);
      this.onEvent(event);
    }
    for (const listener of this.listeners) listener();
  }

  private endOf(outcome: Outcome): SessionEnd {
    if (outcome === 'diverged') {
      const save = this.model.lastSave;
      const path = this.input.checkpointPath;
      const kept =
        save !== undefined
          ? `the last good checkpoint is ${save.path} (step ${save.step})`
          : existsSync(path)
            ? `${path} was left as it was`
            : 'no checkpoint was written';
      const best = this.model.lastBestSave;
      const bestLine = best === undefined ? '' : `; the best model is ${best.path} (step ${best.step})`;
      return {
        exitCode: 1,
        message: `${this.model.error ?? 'training diverged'}; ${kept}${bestLine}`,
        outcome,
      };
    }
    if (outcome === 'stopped')
      return { exitCode: this.stopReason === 'interrupt' ? 130 : 0, message: undefined, outcome };
    return { exitCode: 0, message: undefined, outcome };
  }
}
