// The bucketed loss history: bounded, faithful to the mean, and spanning the whole run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LossHistory } from '../src/session/history.js';

describe('LossHistory', () => {
  it('never keeps more points than its capacity, however long the run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(2, 4, 16, 64), (n, capacity) => {
        const h = new LossHistory(capacity);
        for (let i = 0; i < n; i++) h.push(i, i);
        return h.points(10 * capacity).length <= capacity && h.length === n;
      }),
    );
  });

  it('every point is a mean of some events, so it lies within the range of the data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 600 }),
        fc.integer({ min: 1, max: 80 }),
        (losses, width) => {
          const h = new LossHistory(32);
          for (const x of losses) h.push(x, x);
          const points = h.points(width);
          const lo = Math.min(...losses);
          const hi = Math.max(...losses);
          // 1e-9: rounding of sums of up to 600 values below 10 (about 600 · 10 · 2^-52 ≈ 1e-12, with margin).
          return points.every((p) => p.loss >= lo - 1e-9 && p.loss <= hi + 1e-9);
        },
      ),
    );
  });

  it('keeps the start of the run in the first column after many merges (downsamples, does not scroll)', () => {
    const h = new LossHistory(8);
    for (let i = 0; i < 1024; i++) h.push(i < 128 ? 100 : 1, 1);
    const points = h.points(8);
    expect(points).toHaveLength(8);
    expect(points[0]?.loss).toBe(100); // the first eighth of the run was all 100
    expect(points[7]?.loss).toBe(1);
    expect(h.bucketSize).toBe(128);
  });

  it('skips non-finite losses (a diverging step is reported, not plotted)', () => {
    const h = new LossHistory();
    h.push(Number.NaN, 1);
    h.push(2, Number.POSITIVE_INFINITY);
    h.push(3, 3);
    expect(h.length).toBe(1);
    expect(h.points(10)).toEqual([{ loss: 3, smoothLoss: 3 }]);
  });
});
