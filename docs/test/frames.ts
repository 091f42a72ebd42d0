// Frame intervals of a page while it works: requestAnimationFrame timestamps, recorded and summarised.
import type { Page } from 'playwright-core';

/**
 * The distribution of the intervals between consecutive animation frames, in milliseconds.
 *
 * @example
 * ```ts
 * const { median, max }: FrameFigures = frameFigures(await stop());
 * ```
 */
export interface FrameFigures {
  readonly frames: number;
  readonly median: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * The q-quantile of sorted values (nearest rank).
 *
 * @example
 * ```ts
 * quantile([1, 2, 3, 4], 0.5); // 2
 * ```
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * Summarises the intervals between frame timestamps.
 *
 * @example
 * ```ts
 * frameFigures([0, 16.7, 33.3, 116.7]).max; // 83.4
 * ```
 */
export function frameFigures(timestamps: readonly number[]): FrameFigures {
  const gaps = timestamps
    .slice(1)
    .map((t, i) => t - (timestamps[i] as number))
    .sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    frames: timestamps.length,
    median: round(quantile(gaps, 0.5)),
    p95: round(quantile(gaps, 0.95)),
    p99: round(quantile(gaps, 0.99)),
    max: round(gaps.at(-1) ?? Number.NaN),
  };
}

/**
 * Starts recording animation frames in the page; the returned function stops and returns the timestamps.
 *
 * @example
 * ```ts
 * const stop = await recordFrames(page);
 * await work();
 * const figures = frameFigures(await stop());
 * ```
 */
export async function recordFrames(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const state = { on: true, frames: [] as number[] };
    (window as unknown as { frameRecording: typeof state }).frameRecording = state;
    const tick = (time: number) => {
      state.frames.push(time);
      if (state.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () =>
    page.evaluate(() => {
      const state = (window as unknown as { frameRecording: { on: boolean; frames: number[] } })
        .frameRecording;
      state.on = false;
      return state.frames;
    });
}
