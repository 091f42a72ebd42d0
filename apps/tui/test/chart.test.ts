// The chart's axis: round row steps and exact labels.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LossHistory } from '../src/session/history.js';
import { StableRange } from '../src/session/stable-range.js';
import { chartLines, labelDecimals, roundRowCount } from '../src/ui/chart.js';

describe('chart axis', () => {
  it('picks a round row step when one fits in 60–100% of the rows', () => {
    expect(roundRowCount(4.5, 20)).toBe(18); // 0.25 per row
    expect(roundRowCount(6, 20)).toBe(12); // 0.3 and 0.4 are not round steps; 0.5 is, in 12 rows
    expect(roundRowCount(0.7, 10)).toBe(7); // 0.1 per row
    expect(roundRowCount(3.3, 5)).toBe(5); // nothing round in 3–5 rows: keep the height
    expect(labelDecimals(0.25)).toBe(2);
    expect(labelDecimals(0.025)).toBe(3);
    expect(labelDecimals(4 / 7)).toBe(2); // not a round step: two decimals, not 0.5714
  });

  it('never draws more rows than allowed, nor fewer than 60% of them', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        (span, max) => {
          const rows = roundRowCount(span, max);
          return rows <= max && rows >= Math.ceil(max * 0.6);
        },
      ),
    );
  });

  it('labels every row of a real chart with a round number', () => {
    const history = new LossHistory();
    for (let i = 0; i < 500; i++) history.push(4 * Math.exp(-i / 100) + 1.5, 4 * Math.exp(-i / 150) + 1.5);
    const { lines } = chartLines(history, new StableRange(), { width: 80, height: 16, color: false });
    const labels = lines.map((line) => Number(line.slice(0, 7)));
    const steps = labels.slice(1).map((label, i) => Number(((labels[i] ?? 0) - label).toFixed(9)));
    expect(new Set(steps).size).toBe(1); // evenly spaced, no rounding drift in the printed labels
    expect(lines.length).toBeLessThanOrEqual(17);
  });
});
