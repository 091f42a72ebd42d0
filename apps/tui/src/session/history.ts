// Loss history in a bounded number of buckets: when full, neighbours merge, so a long run stays readable.

/**
 * One point of the chart: the mean raw loss and mean smoothed loss over the steps it covers, and the last of
 * those steps when steps were pushed.
 * @example new LossHistory().points(80)[0] // { loss: 4.17, smoothLoss: 4.17, step: 1 } once step 1 is pushed
 */
export interface HistoryPoint {
  readonly loss: number;
  readonly smoothLoss: number;
  readonly step?: number;
}

/**
 * The whole run's loss curve kept in at most `capacity` buckets. Each bucket averages `bucketSize` logged
 * events; when the buckets overflow, pairs merge and `bucketSize` doubles, so memory stays bounded and the
 * curve always spans the run from its first step.
 * @example
 * const h = new LossHistory(4);
 * for (let i = 0; i < 9; i++) h.push(9 - i, 9 - i);
 * h.points(2).map((p) => p.loss) // [7.5, 3]: the means of 9..6 and of 5..1
 */
export class LossHistory {
  private sums: number[] = [];
  private smoothSums: number[] = [];
  private counts: number[] = [];
  /** The last step of each bucket (NaN when pushed without one). */
  private steps: number[] = [];
  /** Logged events per full bucket. */
  bucketSize = 1;
  /** Events pushed so far. */
  length = 0;

  constructor(readonly capacity = 2048) {
    if (capacity < 2 || capacity % 2 !== 0) throw new RangeError('capacity must be an even number ≥ 2');
  }

  /** Adds one logged event (of training step `step`). Non-finite values are skipped (a diverging step is reported, not plotted). */
  push(loss: number, smoothLoss: number, step = Number.NaN): void {
    if (!Number.isFinite(loss) || !Number.isFinite(smoothLoss)) return;
    this.length++;
    const last = this.counts.length - 1;
    if (last >= 0 && (this.counts[last] ?? 0) < this.bucketSize) {
      this.sums[last] = (this.sums[last] ?? 0) + loss;
      this.smoothSums[last] = (this.smoothSums[last] ?? 0) + smoothLoss;
      this.counts[last] = (this.counts[last] ?? 0) + 1;
      this.steps[last] = step;
      return;
    }
    if (this.counts.length === this.capacity) this.mergePairs();
    this.sums.push(loss);
    this.smoothSums.push(smoothLoss);
    this.counts.push(1);
    this.steps.push(step);
  }

  /** The curve resampled to at most `width` points (fewer while the run is short), oldest first. */
  points(width: number): HistoryPoint[] {
    const n = this.counts.length;
    const columns = Math.max(0, Math.min(n, Math.floor(width)));
    const points: HistoryPoint[] = [];
    for (let c = 0; c < columns; c++) {
      const from = Math.floor((c * n) / columns);
      const to = Math.floor(((c + 1) * n) / columns);
      let sum = 0;
      let smooth = 0;
      let count = 0;
      for (let b = from; b < to; b++) {
        sum += this.sums[b] ?? 0;
        smooth += this.smoothSums[b] ?? 0;
        count += this.counts[b] ?? 0;
      }
      const step = this.steps[to - 1] ?? Number.NaN;
      points.push({ loss: sum / count, smoothLoss: smooth / count, ...(Number.isNaN(step) ? {} : { step }) });
    }
    return points;
  }

  private mergePairs(): void {
    const merge = (xs: number[]) =>
      xs.reduce<number[]>((out, x, i) => {
        if (i % 2 === 0) out.push(x);
        else out[out.length - 1] = (out[out.length - 1] ?? 0) + x;
        return out;
      }, []);
    this.sums = merge(this.sums);
    this.smoothSums = merge(this.smoothSums);
    this.counts = merge(this.counts);
    this.steps = this.steps.filter((_, i) => i % 2 === 1); // a merged bucket ends where its second half did
    this.bucketSize *= 2;
  }
}
