// The scriptable renderer: the event stream as JSON lines, one object per line, steps once per log interval.
import type { StepEvent, TrainEvent } from '@rnn/core';
import type { SessionNotice } from '../session/model.js';

/**
 * The version of the JSON-lines format, carried by the `start` line as `schema`; the format is described by
 * schema/train-events.schema.json (JSON Schema) and the README.
 * @example JSON.parse(firstLine).schema === TRAIN_EVENTS_SCHEMA // true
 */
export const TRAIN_EVENTS_SCHEMA = 'rnn-train-events/1';

/**
 * JSON with the numbers JSON cannot hold written as strings: NaN → "NaN", ±∞ → "Infinity" / "-Infinity".
 * @example toJson({ loss: Number.NaN }) // '{"loss":"NaN"}'
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
  );
}

/**
 * Turns the event stream into JSON lines: the start line with the schema version, a step line every `logEvery`
 * steps (and at the last step) whose tokensPerSecond covers the training time of the whole interval since the
 * previous line, and every other event of the run as it comes (eval, sample, gradient-flow, checkpoint,
 * save-failed, error, done). Screen-only notices (pause, saving) print nothing.
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
      case 'start': {
        this.totalSteps = event.totalSteps;
        this.tokensPerStep = event.seqLength * event.batchSize;
        this.previous = { step: event.startStep, seconds: 0 };
        const { type, ...fields } = event;
        return toJson({ type, schema: TRAIN_EVENTS_SCHEMA, ...fields });
      }
      case 'step':
        return event.step % this.logEvery === 0 || event.step === this.totalSteps
          ? this.stepLine(event)
          : undefined;
      case 'eval':
      case 'sample':
      case 'gradient-flow':
      case 'checkpoint':
      case 'save-failed':
      case 'error':
      case 'done':
        return toJson(event);
      default:
        return undefined;
    }
  }

  private stepLine(event: StepEvent): string {
    const from = this.previous;
    this.previous = { step: event.step, seconds: event.trainingSeconds };
    const seconds = from === undefined ? 0 : event.trainingSeconds - from.seconds;
    const tokensPerSecond =
      from !== undefined && seconds > 0
        ? ((event.step - from.step) * this.tokensPerStep) / seconds
        : event.tokensPerSecond;
    return toJson({ ...event, tokensPerSecond });
  }
}
