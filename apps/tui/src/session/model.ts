// The view model of one training run: folds the event stream from @rnn/core (and the session's own
// notices: paused, saving, stopped) into the numbers the screen shows. Knows nothing of Ink.
import type { GradientFlowEvent, StartEvent, StepEvent, TrainEvent } from '@rnn/core';
import { LossHistory } from './history.js';

export type { StartEvent, StepEvent } from '@rnn/core';

/**
 * Where the run is: drives the status line.
 * @example model.status === 'paused' // after a 'paused' notice
 */
export type RunStatus = 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'failed';

/**
 * A line of the history above the live area: a text sample with the step and smoothed loss it was drawn at, or
 * a note from the run (a resumed checkpoint, a text too short to hold out).
 * @example model.log[0] // { id: 0, kind: 'sample', step: 500, smoothLoss: 3.42, text: 'The harbour…' }
 */
export interface LogEntry {
  readonly id: number;
  readonly kind: 'sample' | 'note';
  readonly step: number;
  readonly smoothLoss: number | undefined;
  readonly text: string;
}

/**
 * A text sample: a log entry of kind 'sample'.
 * @example model.samples.at(-1)?.text
 */
export type SampleEntry = LogEntry & { readonly kind: 'sample' };

/**
 * Notices from the session (the worker that trains), beside the trainer's own events.
 * @example model.apply({ type: 'paused' });
 */
export type SessionNotice =
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'saving' }
  | { type: 'stopping' };

/**
 * A validation loss at a step.
 * @example model.evaluations.at(-1) // { step: 9000, valLoss: 1.88 }
 */
export interface ValidationPoint {
  readonly step: number;
  readonly valLoss: number;
}

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
  /** Samples and notes, oldest first. */
  readonly log: LogEntry[] = [];
  /** Every validation loss of this session, oldest first. */
  readonly evaluations: ValidationPoint[] = [];
  /** The lowest validation loss of the run (carried over on resume). */
  best: ValidationPoint | undefined;
  /** The latest gradient-flow measurement. */
  flow: GradientFlowEvent | undefined;
  lastSave: { path: string; step: number } | undefined;
  lastBestSave: { path: string; step: number } | undefined;
  error: string | undefined;
  notice: string | undefined;
  /** Exponential average of how often the gradient was clipped, in [0, 1]. */
  clipRate = 0;
  finalLoss: number | undefined;
  /** (training seconds, step) of recent steps, oldest first, spanning about RATE_WINDOW_SECONDS. */
  private recent: { seconds: number; step: number }[] = [];

  /** The text samples, oldest first. */
  get samples(): SampleEntry[] {
    return this.log.filter((entry): entry is SampleEntry => entry.kind === 'sample');
  }

  apply(event: TrainEvent | SessionNotice): void {
    switch (event.type) {
      case 'start':
        this.info = event;
        this.status = 'running';
        if (event.bestValLoss !== null && event.bestStep !== null) {
          this.best = { step: event.bestStep, valLoss: event.bestValLoss };
        }
        for (const text of event.notices) this.addLog('note', event.startStep, text);
        break;
      case 'step':
        this.applyStep(event);
        break;
      case 'eval':
        this.evaluations.push({ step: event.step, valLoss: event.valLoss });
        this.best = { step: event.bestStep, valLoss: event.bestValLoss };
        break;
      case 'gradient-flow':
        this.flow = event;
        break;
      case 'sample':
        this.addLog('sample', event.step, event.text);
        break;
      case 'checkpoint':
        if (event.kind === 'best') this.lastBestSave = { path: event.path, step: event.step };
        else {
          this.lastSave = { path: event.path, step: event.step };
          if (this.notice === 'saving…') this.notice = undefined;
        }
        break;
      case 'save-failed':
        this.notice = `save failed: ${event.message}`;
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
      case 'saving':
        this.notice = 'saving…';
        break;
      case 'stopping':
        if (this.status === 'running' || this.status === 'paused') this.status = 'stopping';
        break;
    }
  }

  private applyStep(event: StepEvent): void {
    this.last = event;
    this.history.push(event.loss, event.smoothLoss, event.step);
    this.clipRate += CLIP_ALPHA * ((event.clipped ? 1 : 0) - this.clipRate);
    this.recent.push({ seconds: event.trainingSeconds, step: event.step });
    while (
      this.recent.length > 2 &&
      event.trainingSeconds - (this.recent[1]?.seconds ?? 0) >= RATE_WINDOW_SECONDS
    ) {
      this.recent.shift();
    }
  }

  private addLog(kind: LogEntry['kind'], step: number, text: string): void {
    this.log.push({ id: this.log.length, kind, step, smoothLoss: this.last?.smoothLoss, text });
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
