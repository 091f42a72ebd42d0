// The gradient-flow schedule: every few seconds at most, and never more than 4% of the run's time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowSchedule } from '../src/training/flow-schedule.js';

/** Runs a simulated clock for `seconds`, training in 10 ms steps and measuring when due; returns the measurements. */
function simulate(everySeconds: number, costMs: (i: number) => number, seconds: number) {
  const schedule = flowSchedule(everySeconds, 0);
  const measured: { from: number; to: number; spent: number }[] = [];
  let spent = 0;
  for (let now = 0; now < seconds * 1000; now += 10) {
    if (!schedule.due(now)) continue;
    const cost = costMs(measured.length);
    schedule.took(now, now + cost);
    spent += cost;
    measured.push({ from: now, to: now + cost, spent });
    now += cost;
  }
  return measured;
}

describe('flowSchedule', () => {
  it('measures at once, then every everySeconds when a measurement is cheap', () => {
    const starts = simulate(5, () => 50, 60).map((m) => m.from);
    expect(starts[0]).toBe(0);
    for (let i = 1; i < starts.length; i++)
      expect((starts[i] as number) - (starts[i - 1] as number)).toBeGreaterThanOrEqual(5050);
    expect(starts.length).toBeGreaterThanOrEqual(11);
  });

  it('keeps every measurement after the first within 4% of the time, whatever it costs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0.5, max: 10, noNaN: true }),
        (cost, every) => {
          const measured = simulate(every, () => cost, 600);
          // 1e-9: rounding of sums of a few hundred milliseconds figures.
          for (const m of measured.slice(1)) expect(m.spent / m.to).toBeLessThanOrEqual(0.04 + 1e-9);
          expect(measured.at(-1)?.spent ?? 0).toBeLessThanOrEqual(0.04 * 600_000 + cost);
        },
      ),
    );
  });
});
