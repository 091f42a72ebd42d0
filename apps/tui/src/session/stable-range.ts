// A y-axis range for the loss chart with hysteresis: it grows at once to fit the data, shrinks only when
// the data fills less than half of it, and snaps to round numbers, so the axis labels do not jitter.

/**
 * A closed interval [min, max] of the chart's y-axis.
 * @example new StableRange().fit(2.1, 4.2) // { min: 1.5, max: 4.5 }
 */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/**
 * The round step (1, 2 or 5 × 10^k) at or above span / 8. A fitted range then spans at most
 * 1.2 · span + 2 steps ≤ 1.95 · span, so data just fitted fills over half of it and is never "too loose".
 */
function niceStep(span: number): number {
  const raw = span / 8;
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return multiple * power;
}

/** The span drawn for data in [lo, hi]: at least 5% of the top value (and 0.01), so noise is not zoomed into. */
function shownSpan(lo: number, hi: number): number {
  return Math.max(hi - lo, Math.abs(hi) * 0.05, 0.01);
}

/**
 * Keeps a stable y-range for data that drifts (a falling loss).
 * @example
 * const r = new StableRange();
 * r.fit(2.1, 4.2) // { min: 1.5, max: 4.5 }
 * r.fit(2.0, 4.0) // unchanged: { min: 1.5, max: 4.5 }
 */
export class StableRange {
  private current: Range | undefined;

  /** The range to draw data spanning [lo, hi] with; `undefined` bounds (no data yet) keep the last range. */
  fit(lo: number, hi: number): Range {
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return this.current ?? { min: 0, max: 1 };
    const c = this.current;
    const outside = c === undefined || lo < c.min || hi > c.max;
    const tooLoose = c !== undefined && shownSpan(lo, hi) * 2 < c.max - c.min;
    if (outside || tooLoose) this.current = StableRange.around(lo, hi);
    return this.current ?? { min: 0, max: 1 };
  }

  /** A padded range around [lo, hi] with round bounds; never below 0 when the data is not. */
  static around(lo: number, hi: number): Range {
    const span = shownSpan(lo, hi);
    const step = niceStep(span * 1.2);
    let min = Math.floor((lo - span * 0.1) / step) * step;
    const max = Math.ceil((hi + span * 0.1) / step) * step;
    if (lo >= 0 && min < 0) min = 0;
    return { min: Number(min.toPrecision(12)), max: Number(max.toPrecision(12)) };
  }
}
