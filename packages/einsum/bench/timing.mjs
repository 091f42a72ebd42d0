// The benchmark clock: calibrated batches of calls, sampled in turns so that peers share the machine's noise.

/** Samples per contender; slow calls get fewer (see calibrate). */
export const SAMPLES = 31;

/**
 * Warms `fn` up and sizes a batch of calls to last about `batchMs`. Returns { reps, samples }: calls slower
 * than 0.2 s (naive peers) get 3 samples, slower than 1 s one, to keep the run short.
 * @example calibrate(() => work()) // → { reps: 815, samples: 31 }
 */
export function calibrate(fn, batchMs = 10) {
  let reps = 1;
  for (;;) {
    const ms = timeBatch(fn, reps) * reps * 1e3;
    if (ms >= batchMs / 4) {
      const msPerCall = ms / reps;
      const samples = msPerCall > 1000 ? 1 : msPerCall > 200 ? 3 : SAMPLES;
      return { reps: Math.max(1, Math.ceil(batchMs / Math.max(msPerCall, 1e-6))), samples };
    }
    reps *= 4;
  }
}

/**
 * Seconds per call of `fn` over one batch of `reps` calls.
 * @example timeBatch(() => work(), 100) // → 1.2e-6
 */
export function timeBatch(fn, reps) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e9 / reps;
}

/**
 * The median of a list of numbers.
 * @example median([3, 1, 2]) // → 2
 */
export function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median seconds per call of `fn` alone (calibrated batches, one contender).
 * @example medianSeconds(() => work()) // → 1.2e-6
 */
export function medianSeconds(fn) {
  const { reps, samples } = calibrate(fn);
  return median(Array.from({ length: samples }, () => timeBatch(fn, reps)));
}

/**
 * Times several contenders in turns: round after round, one batch of each, so that a burst of load on the
 * shared machine hits all of them alike. Each contender is { calibrate(): Promise<{ reps, samples }>,
 * sample(reps): Promise<seconds per call> }. Returns { median, best } seconds per call of each, in order:
 * the median is what a user sees now, the best what the code does when the machine leaves it alone.
 * @example await interleavedTimes([ours, numpy]) // → [{ median: 0.0021, best: 0.0019 }, …]
 */
export async function interleavedTimes(contenders) {
  const plans = [];
  for (const contender of contenders) plans.push(await contender.calibrate());
  const times = contenders.map(() => []);
  const rounds = Math.max(...plans.map((p) => p.samples));
  for (let round = 0; round < rounds; round++) {
    for (const [i, contender] of contenders.entries()) {
      if (times[i].length < plans[i].samples) times[i].push(await contender.sample(plans[i].reps));
    }
  }
  return times.map((samples) => ({ median: median(samples), best: Math.min(...samples) }));
}

/**
 * A contender for interleavedTimes from a synchronous function.
 * @example syncContender(() => work())
 */
export function syncContender(fn) {
  return { calibrate: async () => calibrate(fn), sample: async (reps) => timeBatch(fn, reps) };
}
