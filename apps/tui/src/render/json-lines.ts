// The scriptable renderer: one JSON object per line per log interval, samples and checkpoints as their own lines.
import type { TrainEvent } from '@rnn/core';
import type { SessionNotice } from '../session/model.js';

/**
 * Turns the event stream into JSON lines: a step line every `logEvery` steps (and at the last step) whose
 * tokensPerSecond covers the whole interval since the previous line; start, sample, error and done events
 * as they come; checkpoints as {type:'checkpoint', path, step}. Screen-only notices print nothing.
 * @example
 * const printer = new JsonLinePrinter(10);
 * printer.line({ type: 'sample', step: 500, text: 'To be' }) // '{"type":"sample","step":500,"text":"To be"}'
 */
export class JsonLinePrinter {
  private totalSteps: number | undefined;
  private tokensPerStep = 0;
  private previous: { step: number; seconds: number } | undefined;

  constructor(private readonly logEvery: number) {}

  /** The line for `event`, or undefined when it is not printed. */
  line(event: TrainEvent | SessionNotice): string | undefined {
    switch (event.type) {
      case 'start':
        this.totalSteps = event.totalSteps;
        this.tokensPerStep = event.seqLength * event.batchSize;
        this.previous = { step: event.startStep, seconds: 0 };
        return JSON.stringify(event);
      case 'step':
        return event.step % this.logEvery === 0 || event.step === this.totalSteps
          ? this.stepLine(event)
          : undefined;
      case 'sample':
      case 'error':
      case 'done':
        return JSON.stringify(event);
      case 'saved':
        return JSON.stringify({ type: 'checkpoint', path: event.path, step: event.step });
      case 'save-failed':
        return JSON.stringify({ type: 'save-failed', message: event.message });
      default:
        return undefined;
    }
  }

  private stepLine(event: Extract<TrainEvent, { type: 'step' }>): string {
    const from = this.previous;
    this.previous = { step: event.step, seconds: event.elapsedSeconds };
    const seconds = from === undefined ? 0 : event.elapsedSeconds - from.seconds;
    const tokensPerSecond =
      from !== undefined && seconds > 0
        ? ((event.step - from.step) * this.tokensPerStep) / seconds
        : event.tokensPerSecond;
    return JSON.stringify({ ...event, tokensPerSecond });
  }
}
