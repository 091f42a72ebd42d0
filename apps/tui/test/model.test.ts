// The view model: progress, ETA, clipping rate and status from an event stream.
import { describe, expect, it } from 'vitest';
import { TrainingModel } from '../src/session/model.js';
import { NAN_FAILURE, startEvent, stepEvents } from './fake-session.js';

describe('TrainingModel', () => {
  it('folds start and step events into progress and an ETA at the observed rate', () => {
    const m = new TrainingModel();
    m.apply(startEvent(1000));
    for (const e of stepEvents(250)) m.apply(e);
    expect(m.status).toBe('running');
    expect(m.progress).toBe(0.25);
    expect(m.etaSeconds).toBeCloseTo(7.5, 6); // 750 steps left at 0.01 s per step
    expect(m.history.length).toBe(250);
    expect(m.clipRate).toBeGreaterThan(0.05); // one step in ten clipped
    expect(m.clipRate).toBeLessThan(0.15);
    // 25 tokens per step, one step per 10 ms: 2500 tokens/s over the window, whatever each step reported.
    expect(m.tokensPerSecond).toBeCloseTo(2500, 6);
  });

  it('does not count a pause as slow training: the rate and ETA are measured afresh on resume', () => {
    const m = new TrainingModel();
    m.apply(startEvent(1000));
    for (const e of stepEvents(100)) m.apply(e); // 0.01 s per step
    m.apply({ type: 'paused' });
    m.apply({ type: 'resumed' });
    // 60 s later, training goes on at the same pace.
    for (const e of stepEvents(50, 101)) m.apply({ ...e, elapsedSeconds: 60 + e.step * 0.01 });
    expect(m.tokensPerSecond).toBeCloseTo(2500, 6);
    expect(m.etaSeconds).toBeCloseTo(8.5, 6); // 850 steps at 0.01 s
  });

  it('tracks pause, save and stop notices, and reports divergence', () => {
    const m = new TrainingModel();
    m.apply(startEvent());
    m.apply({ type: 'paused' });
    expect(m.status).toBe('paused');
    m.apply({ type: 'resumed' });
    m.apply({ type: 'saving' });
    expect(m.notice).toBe('saving…');
    m.apply({ type: 'checkpoint', path: 'c.json', step: 12, kind: 'latest' });
    expect(m.notice).toBeUndefined();
    expect(m.lastSave).toEqual({ path: 'c.json', step: 12 });
    m.apply({ type: 'error', step: 13, message: 'loss is NaN', ...NAN_FAILURE });
    expect(m.status).toBe('failed');
    expect(m.error).toBe('training diverged at step 13: loss is NaN');
  });
});
