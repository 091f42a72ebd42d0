// The view model of one training run: folds the event stream from @rnn/core (and the session's own
// notices: paused, saved, stopped) into the numbers the screen shows. Knows nothing of Ink.
import type { TrainEvent } from '@rnn/core';
import { LossHistory } from './history.js';

/**
 * The trainer's first event: what is trained.
 * @example model.info?.vocabSize // 66 for the shipped corpus
 */
export type StartEvent = Extract<TrainEvent, { type: 'start' }>;
/**
 * One optimizer update's figures.
 * @example model.last?.smoothLoss // 1.93 after 10,000 steps on the shipped corpus
 */
export type StepEvent = Extract<TrainEvent, { type: 'step' }>;

/**
 * Where the run is: drives the status line.
 * @example model.status === 'paused' // after a 'paused' notice
 */
export type RunStatus = 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'failed';

/**
 * A text sample with the step and smoothed loss it was drawn at.
 * @example model.samples[0] // { id: 0, step: 500, smoothLoss: 3.42, text: 'The harbour…' }
 */
export interface SampleEntry {
  readonly id: number;
  readonly step: number;
  readonly smoothLoss: number | undefined;
  readonly text: string;
}

/**
 * Notices from the session (the worker that trains), beside the trainer's own events.
 * @example model.apply({ type: 'saved', path: 'run.checkpoint.json', step: 1000 });
 */
export type SessionNotice =
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'saved'; path: string; step: number }
  | { type: 'saving' }
  | { type: 'stopping' }
  | { type: 'save-failed'; message: string };

/** Smoothing factor of the clipping rate (an exponential average over about 50 logged steps). */
const CLIP_ALPHA = 0.02;
/** Throughput is measured over about this many seconds of training (per-step rates are too noisy to read). */
const RATE_WINDOW_SECONDS = 2;

/**
 * Accumulates the state of a run. `apply` takes trainer events and session notices in arrival order.
 * @example
 * const m = new TrainingModel();
 * m.apply({ type: 'sample', step: 10, text: 'hello' });
 * m.samples.length // 1
 */
export class TrainingModel {
  info: StartEvent | undefined;
  last: StepEvent | undefined;
  status: RunStatus = 'starting';
  readonly history = new LossHistory();
  readonly samples: SampleEntry[] = [];
  lastSave: { path: string; step: number } | undefined;
  error: string | undefined;
  notice: string | undefined;
  /** Exponential average of how often the gradient was clipped, in [0, 1]. */
  clipRate = 0;
  finalLoss: number | undefined;
  /** (elapsed seconds, step) of recent steps, oldest first, spanning about RATE_WINDOW_SECONDS. */
  private recent: { seconds: number; step: number }[] = [];

  apply(event: TrainEvent | SessionNotice): void {
    switch (event.type) {
      case 'start':
        this.info = event;
        this.status = 'running';
        break;
      case 'step':
        this.last = event;
        this.history.push(event.loss, event.smoothLoss);
        this.clipRate += CLIP_ALPHA * ((event.clipped ? 1 : 0) - this.clipRate);
        this.recent.push({ seconds: event.elapsedSeconds, step: event.step });
        while (
          this.recent.length > 2 &&
          event.elapsedSeconds - (this.recent[1]?.seconds ?? 0) >= RATE_WINDOW_SECONDS
        ) {
          this.recent.shift();
        }
        break;
      case 'sample':
        this.samples.push({
          id: this.samples.length,
          step: event.step,
          smoothLoss: this.last?.smoothLoss,
          text: event.text,
        });
        break;
      case 'error':
        this.status = 'failed';
        // @rnn/core's message names the step and the cause; keep it whole, prefixed only if it does not say so.
        this.error = event.message.includes('diverged')
          ? event.message
          : `training diverged at step ${event.step}: ${event.message}`;
        break;
      case 'done':
        this.status = 'done';
        this.finalLoss = event.smoothLoss;
        break;
      case 'paused':
        if (this.status === 'running') this.status = 'paused';
        break;
      case 'resumed':
        if (this.status === 'paused') this.status = 'running';
        this.recent = []; // a pause is not slow training: measure the rate afresh
        break;
      case 'saved':
        this.lastSave = { path: event.path, step: event.step };
        if (this.notice === 'saving…') this.notice = undefined;
        break;
      case 'saving':
        this.notice = 'saving…';
        break;
      case 'save-failed':
        this.notice = `save failed: ${event.message}`;
        break;
      case 'stopping':
        if (this.status === 'running' || this.status === 'paused') this.status = 'stopping';
        break;
    }
  }

  /** Fraction of the planned steps done, in [0, 1]. */
  get progress(): number {
    const total = this.info?.totalSteps ?? 0;
    const step = this.last?.step ?? this.info?.startStep ?? 0;
    return total > 0 ? Math.min(1, step / total) : 0;
  }

  /** Tokens per second over the last seconds of training; the trainer's own figure until there are two steps. */
  get tokensPerSecond(): number | undefined {
    const first = this.recent[0];
    const last = this.recent.at(-1);
    const info = this.info;
    if (first === undefined || last === undefined || info === undefined) return undefined;
    const seconds = last.seconds - first.seconds;
    if (seconds <= 0) return this.last?.tokensPerSecond;
    return ((last.step - first.step) * info.seqLength * info.batchSize) / seconds;
  }

  /** Seconds left at the throughput of the last seconds (pauses excluded); `undefined` until it is known. */
  get etaSeconds(): number | undefined {
    const info = this.info;
    const last = this.last;
    const tokensPerSecond = this.tokensPerSecond;
    if (info === undefined || last === undefined || tokensPerSecond === undefined || tokensPerSecond <= 0) {
      return undefined;
    }
    return ((info.totalSteps - last.step) * info.seqLength * info.batchSize) / tokensPerSecond;
  }
}
