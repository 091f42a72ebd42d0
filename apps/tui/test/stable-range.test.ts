// The chart's y-range: contains the data, round bounds, and does not move for small drifts (no jitter).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StableRange } from '../src/session/stable-range.js';

describe('StableRange', () => {
  it('always contains the data it was fitted to', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true })),
          {
            minLength: 1,
            maxLength: 50,
          },
        ),
        (fits) => {
          const range = new StableRange();
          return fits.every(([lo, span]) => {
            const r = range.fit(lo, lo + span);
            return r.min <= lo && r.max >= lo + span && r.min >= 0;
          });
        },
      ),
    );
  });

  it('stays put while a falling loss drifts inside it, and moves once the data fills under half', () => {
    const range = new StableRange();
    const first = range.fit(2.1, 4.2);
    expect(first).toEqual({ min: 1, max: 5 });
    expect(range.fit(2.0, 4.0)).toEqual(first);
    expect(range.fit(1.9, 3.1)).toEqual({ min: 1.5, max: 3.5 }); // a span of 1.2 fills under half of 4: tightens
  });
});
