// When to measure the gradient flow: every few seconds at most, within a small share of the run's time.

/** The largest share of a run's wall time the gradient-flow measurements may take (4%: under 5% with a margin). */
const FLOW_SHARE = 0.04;

/**
 * When to measure the gradient flow next: at most every `everySeconds` of wall time, and only while the
 * measurements so far plus one more (costing as much as the latest) stay within 4% of the time since `startMs`.
 * The first comes at once, so that a view has something to show (internal).
 *
 * @example
 * ```ts
 * const schedule = flowSchedule(5, performance.now());
 * schedule.due(performance.now()); // true: the first measurement comes at once
 * ```
 */
export function flowSchedule(everySeconds: number, startMs: number) {
  let spent = 0;
  let latest = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  return {
    due: (nowMs: number): boolean =>
      nowMs - lastEnd >= everySeconds * 1000 && spent + latest <= FLOW_SHARE * (nowMs - startMs + latest),
    /** Records a measurement that ran from `fromMs` to `toMs`. */
    took(fromMs: number, toMs: number): void {
      latest = toMs - fromMs;
      spent += latest;
      lastEnd = toMs;
    },
  };
}
