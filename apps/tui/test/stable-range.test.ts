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
    expect(first).toEqual({ min: 1.5, max: 4.5 });
    expect(range.fit(2.0, 4.0)).toEqual(first);
    expect(range.fit(1.9, 3.1)).toEqual({ min: 1.6, max: 3.4 }); // a span of 1.2 fills under half of 3: tightens
  });

  it('a range just fitted is kept for the same data (no flip-flop) and spans under twice the data or its floor', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        (lo, span) => {
          const range = new StableRange();
          const first = range.fit(lo, lo + span);
          const again = range.fit(lo, lo + span);
          // The floor: a span under 5% of the top value (or 0.01) is drawn as that much, not zoomed into noise.
          const shown = Math.max(span, 0.05 * (lo + span), 0.01);
          return again === first && first.max - first.min <= 2 * shown;
        },
      ),
    );
  });
});
