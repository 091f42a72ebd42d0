// A scripted training session for component tests: events are fed by hand, key actions are recorded.
import type { TrainEvent } from '@rnn/core';
import { type SessionNotice, TrainingModel } from '../src/session/model.js';
import type { Session, StopReason } from '../src/session/session.js';

/** A Session whose events come from the test and whose actions are logged in `calls`. */
export class FakeSession implements Session {
  readonly model = new TrainingModel();
  readonly calls: string[] = [];
  private listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  feed(...events: (TrainEvent | SessionNotice)[]): void {
    for (const event of events) this.model.apply(event);
    for (const listener of this.listeners) listener();
  }

  togglePause(): void {
    this.calls.push('pause');
    this.feed({ type: this.model.status === 'paused' ? 'resumed' : 'paused' });
  }

  save(): void {
    this.calls.push('save');
    this.feed({
      type: 'checkpoint',
      path: 'run.checkpoint.json',
      step: this.model.last?.step ?? 0,
      kind: 'latest',
    });
  }

  stop(reason: StopReason): void {
    this.calls.push(`stop:${reason}`);
    this.feed({ type: 'stopping' });
  }
}

/** The start event of a small character-level run of `totalSteps` steps. */
export function startEvent(totalSteps = 1000): Extract<TrainEvent, { type: 'start' }> {
  return {
    type: 'start',
    source: 'tiny.txt',
    level: 'char',
    tokens: 12345,
    vocabSize: 42,
    hiddenSize: 64,
    seqLength: 25,
    batchSize: 1,
    parameterCount: 42 * 64 * 2 + 64 * 64,
    precision: 'float64',
    optimizer: 'adagrad',
    learningRate: 0.1,
    seed: 7,
    totalSteps,
    startStep: 0,
    validationTokens: 0,
    evalTokens: 0,
    validateEvery: 1000,
    bestValLoss: null,
    bestStep: null,
    notices: [],
  };
}

/** Step events 1..n with a loss decaying from ln(42) towards 1.5, as a real run would look. */
export function stepEvents(n: number, from = 1): Extract<TrainEvent, { type: 'step' }>[] {
  const events: Extract<TrainEvent, { type: 'step' }>[] = [];
  let smooth = Math.log(42);
  for (let step = from; step < from + n; step++) {
    const loss = 1.5 + (Math.log(42) - 1.5) * Math.exp(-step / 200) + 0.1 * Math.sin(step);
    smooth = 0.99 * smooth + 0.01 * loss;
    events.push({
      type: 'step',
      step,
      epoch: 0,
      loss,
      bitsPerToken: loss / Math.LN2,
      smoothLoss: smooth,
      tokensPerSecond: 23456,
      learningRate: 0.1,
      gradNorm: 2.5,
      clipped: step % 10 === 0,
      elapsedSeconds: step * 0.01,
      trainingSeconds: step * 0.01,
    });
  }
  return events;
}

/** The fields of an error event for a loss that became NaN (tests give their own step and message). */
export const NAN_FAILURE = { reason: 'not-finite', loss: Number.NaN, smoothLoss: Number.NaN } as const;

/** An eval event at `step` with validation loss `valLoss` (a new best unless the test says otherwise). */
export function evalAt(step: number, valLoss: number): Extract<TrainEvent, { type: 'eval' }> {
  return {
    type: 'eval',
    step,
    valLoss,
    valBitsPerToken: valLoss / Math.LN2,
    bestValLoss: valLoss,
    bestStep: step,
    improved: true,
    tokens: 599,
    seconds: 0.01,
  };
}
