// The JSON renderer: one parseable object per log interval, samples and checkpoints as their own lines.
import { describe, expect, it } from 'vitest';
import { JsonLinePrinter } from '../src/render/json-lines.js';
import { NAN_FAILURE, startEvent, stepEvents } from './fake-session.js';

describe('JsonLinePrinter', () => {
  it('prints a step every logEvery steps and at the last step, with every field', () => {
    const printer = new JsonLinePrinter(10);
    printer.line(startEvent(25));
    const printed = stepEvents(25)
      .map((e) => printer.line(e))
      .filter((l) => l !== undefined);
    expect(printed).toHaveLength(3); // steps 10, 20 and the last, 25
    const line = JSON.parse(printed[0] ?? '');
    expect(Object.keys(line).sort()).toEqual(
      [
        'bitsPerToken',
        'trainingSeconds',
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

  it('measures tokensPerSecond over the whole interval, not the last step', () => {
    const printer = new JsonLinePrinter(10);
    printer.line(startEvent()); // 25 tokens per step
    const lines = stepEvents(20)
      .map((e, i) => printer.line({ ...e, tokensPerSecond: i, elapsedSeconds: e.step * 0.01 }))
      .filter((l) => l !== undefined)
      .map((l) => JSON.parse(l));
    // 10 steps of 25 tokens in 0.1 s each interval; 1e-6: rounding of the elapsed-time differences.
    for (const line of lines) expect(line.tokensPerSecond).toBeCloseTo(2500, 6);
  });

  it('prints start, sample, done, error and checkpoint events as their own lines; not screen notices', () => {
    const printer = new JsonLinePrinter(10);
    expect(JSON.parse(printer.line(startEvent()) ?? '')).toMatchObject({ type: 'start', totalSteps: 1000 });
    expect(JSON.parse(printer.line({ type: 'sample', step: 5, text: 'a"b\n' }) ?? '')).toEqual({
      type: 'sample',
      step: 5,
      text: 'a"b\n',
    });
    expect(
      JSON.parse(printer.line({ type: 'checkpoint', path: 'c.json', step: 9, kind: 'latest' }) ?? ''),
    ).toEqual({
      type: 'checkpoint',
      path: 'c.json',
      step: 9,
      kind: 'latest',
    });
    expect(
      JSON.parse(printer.line({ type: 'error', step: 3, message: 'loss is NaN', ...NAN_FAILURE }) ?? ''),
    ).toMatchObject({
      type: 'error',
    });
    expect(printer.line({ type: 'paused' })).toBeUndefined();
  });
});
