// The trainer page's fold over the worker's messages and its loss chart, fed a real train() stream in Node.
import { type TrainEvent, train } from '@rnn/core';
import { describe, expect, it } from 'vitest';
import { CHART_POINTS, lossChart, thin } from '../client/loss-chart.js';
import { TrainingRun } from '../client/training-run.js';

const TEXT = 'the quick brown fox jumps over the lazy dog; '.repeat(40);

async function events(steps: number): Promise<TrainEvent[]> {
  const all: TrainEvent[] = [];
  for await (const event of train({
    text: TEXT,
    hiddenSize: 8,
    seqLength: 10,
    steps,
    sampleEvery: 20,
    seed: 3,
  })) {
    all.push(event);
  }
  return all;
}

describe('TrainingRun', () => {
  it('folds a real run: status, step counter, losses, samples, and the first loss for comparison', async () => {
    const stream = await events(60);
    const run = new TrainingRun(60);
    expect(run.stepText).toBe('0 / 60');
    run.apply({ type: 'events', events: stream.slice(0, 1) });
    expect(run.status).toBe('running');
    run.apply({ type: 'events', events: stream.slice(1) });
    expect(run.status).toBe('done');
    expect(run.stepText).toBe('60 / 60');
    expect(run.losses).toHaveLength(60);
    expect(run.steps).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(run.firstLoss).toBe(run.losses[0]);
    expect(run.samples.map((s) => s.step)).toEqual([20, 40, 60]);
    expect(run.tokensPerSecond).toBeGreaterThan(0);
    expect(run.active).toBe(false);
  });

  it('ignores events it does not know, so a newer train() does not break the page', () => {
    const run = new TrainingRun(10);
    const unknown = { type: 'validation', step: 5, loss: 1.5 } as unknown as TrainEvent;
    run.apply({ type: 'events', events: [unknown] });
    expect(run.status).toBe('starting');
    expect(run.losses).toEqual([]);
  });

  it('follows the worker: paused, resumed, stopped, failed', () => {
    const run = new TrainingRun(10);
    run.apply({ type: 'events', events: [{ type: 'start' } as TrainEvent] });
    run.apply({ type: 'paused', step: 3 });
    expect(run.status).toBe('paused');
    expect(run.active).toBe(true);
    run.apply({ type: 'resumed' });
    expect(run.status).toBe('running');
    run.apply({ type: 'stopped', step: 4 });
    expect(run.status).toBe('stopped');
    run.apply({ type: 'failed', message: 'hiddenSize must be an integer ≥ 1, got 0' });
    expect(run.status).toBe('failed');
    expect(run.error).toBe('hiddenSize must be an integer ≥ 1, got 0');
  });
});

describe('the loss chart', () => {
  it('thins to at most the limit, keeping the first and the last point', () => {
    const steps = Array.from({ length: 1001 }, (_, i) => i + 1);
    const points = thin(
      steps,
      steps.map((s) => 1 / s),
      100,
    );
    expect(points.length).toBeLessThanOrEqual(101);
    expect(points[0]).toEqual([1, 1]);
    expect(points.at(-1)).toEqual([1001, 1 / 1001]);
    expect(thin([1, 2, 3], [3, 2, 1], 10)).toEqual([
      [1, 3],
      [2, 2],
      [3, 1],
    ]);
  });

  it('draws the raw and smoothed losses with log K as the reference, once there is a step', async () => {
    const run = new TrainingRun(60);
    expect(lossChart(run)).toBeUndefined();
    run.apply({ type: 'events', events: await events(60) });
    const spec = lossChart(run);
    expect(spec?.series.map((s) => s.points.length)).toEqual([60, 60]);
    expect(spec?.reference?.y).toBeCloseTo(Math.log(run.info?.vocabSize ?? Number.NaN), 12);
    expect(CHART_POINTS).toBeGreaterThan(100);
  });
});
