// The benchmark clock: median seconds per call over repeated timed batches, after a warm-up.

/**
 * Calls `fn` in batches sized to last about `batchMs` each and returns the median seconds per call over
 * `samples` batches (after warm-up batches). The median resists the noise of a shared machine. Calls slower
 * than 0.2 s (naive peers) get 3 samples, slower than 1 s one, to keep the run short.
 * @example medianSeconds(() => work()) // → 1.2e-6
 */
export function medianSeconds(fn, { samples = 15, batchMs = 20 } = {}) {
  let reps = 1;
  let count = samples;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= batchMs / 4) {
      const msPerCall = ms / reps;
      reps = Math.max(1, Math.ceil(batchMs / Math.max(msPerCall, 1e-6)));
      if (msPerCall > 1000) count = 1;
      else if (msPerCall > 200) count = 3;
      break;
    }
    reps *= 4;
  }
  const times = [];
  for (let s = 0; s < count; s++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e9 / reps);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)];
}
