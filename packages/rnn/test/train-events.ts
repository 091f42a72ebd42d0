// Helpers of the training tests: a run's events gathered, its step events, and a mean.
import type { TrainEvent } from '../src/training/events.js';

/** Every event of a run, in order. */
export async function collect(events: AsyncGenerator<TrainEvent, void, void>): Promise<TrainEvent[]> {
  const all: TrainEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

/** The step events of a run. */
export const stepsOf = (events: TrainEvent[]) => events.flatMap((e) => (e.type === 'step' ? [e] : []));

/** The arithmetic mean. */
export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
