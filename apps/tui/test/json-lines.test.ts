// The JSON renderer: one parseable object per log interval, samples and checkpoints as their own lines.
import { describe, expect, it } from 'vitest';
import { jsonLine } from '../src/render/json-lines.js';
import { startEvent, stepEvents } from './fake-session.js';

describe('jsonLine', () => {
  it('prints a step every logEvery steps and at the last step, with every field', () => {
    const steps = stepEvents(25);
    const printed = steps.map((e) => jsonLine(e, 10, 25)).filter((l) => l !== undefined);
    expect(printed).toHaveLength(3); // steps 10, 20 and the last, 25
    const line = JSON.parse(printed[0] ?? '');
    expect(Object.keys(line).sort()).toEqual(
      [
        'clipped',
        'elapsedSeconds',
        'epoch',
        'gradNorm',
        'learningRate',
        'loss',
        'smoothLoss',
        'step',
        'tokensPerSecond',
        'type',
      ].sort(),
    );
    expect(line.step).toBe(10);
  });

  it('prints start, sample, done, error and checkpoint events as their own lines; not screen notices', () => {
    expect(JSON.parse(jsonLine(startEvent(), 10) ?? '')).toMatchObject({ type: 'start', totalSteps: 1000 });
    expect(JSON.parse(jsonLine({ type: 'sample', step: 5, text: 'a"b\n' }, 10) ?? '')).toEqual({
      type: 'sample',
      step: 5,
      text: 'a"b\n',
    });
    expect(JSON.parse(jsonLine({ type: 'saved', path: 'c.json', step: 9 }, 10) ?? '')).toEqual({
      type: 'checkpoint',
      path: 'c.json',
      step: 9,
    });
    expect(JSON.parse(jsonLine({ type: 'error', step: 3, message: 'loss is NaN' }, 10) ?? '')).toMatchObject({
      type: 'error',
    });
    expect(jsonLine({ type: 'paused' }, 10)).toBeUndefined();
  });
});
