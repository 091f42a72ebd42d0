// The trainer page's view of a run: a fold over the worker's messages into what the page shows. Knows nothing of Vue.
import type { TrainEvent } from '@rnn/core';
import type { FromWorker } from './train-protocol.js';

/**
 * Where a run is; drives which buttons are live.
 *
 * @example
 * ```ts
 * run.status === 'paused'; // after the worker's 'paused' message
 * ```
 */
export type RunStatus = 'starting' | 'running' | 'paused' | 'stopped' | 'done' | 'failed';

/**
 * The trainer's first event: what is trained.
 *
 * @example
 * ```ts
 * run.info?.vocabSize; // 66 for the shipped corpus
 * ```
 */
export type StartEvent = Extract<TrainEvent, { type: 'start' }>;
/**
 * One optimizer update's figures.
 *
 * @example
 * ```ts
 * run.last?.loss; // the latest update's loss
 * ```
 */
export type StepEvent = Extract<TrainEvent, { type: 'step' }>;

/** The throughput is measured over this many logged steps. */
const RATE_WINDOW = 50;

/**
 * Accumulates one run. Events of types it does not know (a newer @rnn/core may add some) are ignored, so the page
 * keeps working when train() grows.
 *
 * @example
 * ```ts
 * const run = new TrainingRun(150);
 * run.apply({ type: 'events', events: [{ type: 'sample', step: 50, text: 'The harbour' }] });
 * run.samples.at(-1)?.text; // 'The harbour'
 * run.stepText; // '0 / 150'
 * ```
 */
export class TrainingRun {
  status: RunStatus = 'starting';
  info: StartEvent | undefined;
  last: StepEvent | undefined;
  /** The loss of the first step: the page compares the latest with it. */
  firstLoss: number | undefined;
  /** Step number, raw loss and smoothed loss of every logged step, in order. */
  readonly steps: number[] = [];
  readonly losses: number[] = [];
  readonly smoothed: number[] = [];
  readonly samples: { readonly step: number; readonly text: string }[] = [];
  /** Why the run failed, as the library or the worker said it. */
  error: string | undefined;
  /** (elapsed seconds, step) of the latest steps since the last resume, for the throughput. */
  private recent: { readonly seconds: number; readonly step: number }[] = [];

  /** @param plannedSteps the steps asked for, shown until the trainer reports its own total */
  constructor(private readonly plannedSteps: number) {}

  apply(message: FromWorker): void {
    switch (message.type) {
      case 'events':
        for (const event of message.events) this.applyEvent(event);
        break;
      case 'paused':
        if (this.status === 'running') this.status = 'paused';
        break;
      case 'resumed':
        if (this.status === 'paused') this.status = 'running';
        this.recent = []; // a pause is not slow training: measure afresh
        break;
      case 'stopped':
        if (this.status !== 'failed') this.status = 'stopped';
        break;
      case 'failed':
        this.status = 'failed';
        this.error = message.message;
        break;
      default:
        break; // checkpoints go to the download, not to the view
    }
  }

  private applyEvent(event: TrainEvent): void {
    switch (event.type) {
      case 'start':
        this.info = event;
        this.status = 'running';
        break;
      case 'step':
        this.last = event;
        this.firstLoss ??= event.loss;
        this.steps.push(event.step);
        this.losses.push(event.loss);
        this.smoothed.push(event.smoothLoss);
        this.recent.push({ seconds: event.elapsedSeconds, step: event.step });
        if (this.recent.length > RATE_WINDOW) this.recent.shift();
        break;
      case 'sample':
        this.samples.push({ step: event.step, text: event.text });
        break;
      case 'error':
        this.status = 'failed';
        this.error = event.message;
        break;
      case 'done':
        this.status = 'done';
        break;
      default:
        break; // an event this page does not show
    }
  }

  /** The step counter, 'N / TOTAL'. */
  get stepText(): string {
    const total = this.info?.totalSteps ?? this.plannedSteps;
    return `${this.last?.step ?? this.info?.startStep ?? 0} / ${total}`;
  }

  /** Tokens per second over the latest {@link RATE_WINDOW} steps (one step's own figure is too noisy to read). */
  get tokensPerSecond(): number | undefined {
    const first = this.recent[0];
    const last = this.recent.at(-1);
    if (first === undefined || last === undefined || this.info === undefined) return undefined;
    const seconds = last.seconds - first.seconds;
    if (seconds <= 0) return this.last?.tokensPerSecond;
    return ((last.step - first.step) * this.info.seqLength * this.info.batchSize) / seconds;
  }

  /** True while the worker is training or waiting to resume. */
  get active(): boolean {
    return this.status === 'starting' || this.status === 'running' || this.status === 'paused';
  }
}
