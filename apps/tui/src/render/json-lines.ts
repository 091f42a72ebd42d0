// The scriptable renderer: one JSON object per line per log interval, samples and checkpoints as their own lines.
import type { TrainEvent } from '@rnn/core';
import type { SessionNotice } from '../session/model.js';

/**
 * The JSON line for an event, or undefined when the event is not printed (a step between log intervals,
 * or a notice only the live screen needs). Step lines carry step, epoch, loss, smoothLoss, tokensPerSecond,
 * learningRate, gradNorm, clipped and elapsedSeconds.
 * @example
 * jsonLine({ type: 'sample', step: 500, text: 'To be' }, 10) // '{"type":"sample","step":500,"text":"To be"}'
 */
export function jsonLine(
  event: TrainEvent | SessionNotice,
  logEvery: number,
  totalSteps?: number,
): string | undefined {
  switch (event.type) {
    case 'step':
      if (event.step % logEvery !== 0 && event.step !== totalSteps) return undefined;
      return JSON.stringify(event);
    case 'start':
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
