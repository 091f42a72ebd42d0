// When a run has failed (a loss that is not finite, or far above a uniform guess), and when to measure its gradient flow.

/**
 * Steps of a model's training before the smoothed-loss rule applies (its first 100, wherever a resume starts).
 *
 * @example
 * ```ts
 * DIVERGENCE_GRACE_STEPS; // 100
 * ```
 */
export const DIVERGENCE_GRACE_STEPS = 100;
/**
 * The smoothed-loss limit as a multiple of ln K, the loss of a uniform guess (char-rnn stops at 3 × its first loss).
 *
 * @example
 * ```ts
 * DIVERGENCE_FACTOR * Math.log(66); // 12.57: the limit for a vocabulary of 66 characters
 * ```
 */
export const DIVERGENCE_FACTOR = 3;

/**
 * What a step that ends the run looks like, before its update is applied; `undefined` when the step is fine.
 * Not finite: the loss or the gradient norm is NaN or infinite. Diverged (when `smoothRule` is on): after step
 * {@link DIVERGENCE_GRACE_STEPS} of the model's training, the smoothed loss exceeds {@link DIVERGENCE_FACTOR} ·
 * ln K. The rule reads the step count and the smoothed loss the checkpoint carries, so a resumed run is judged as
 * the uninterrupted run would have been (internal).
 *
 * @example
 * ```ts
 * stepFailure({ step: 101, loss: 9e9, smoothLoss: 9e6, gradNorm: 1, vocabSize: 66, learningRate: 1e9, smoothRule: true })
 * // { reason: 'diverged', message: 'training diverged at step 101: the smoothed loss 9.00e+6 …' }
 * ```
 */
export function stepFailure(step: {
  step: number;
  loss: number;
  smoothLoss: number;
  gradNorm: number;
  vocabSize: number;
  learningRate: number;
  smoothRule: boolean;
}): { reason: 'not-finite' | 'diverged'; message: string } | undefined {
  const remedy = `try a smaller learning rate (now ${step.learningRate})`;
  if (!Number.isFinite(step.loss) || !Number.isFinite(step.gradNorm)) {
    const what = Number.isFinite(step.loss) ? `gradient norm is ${step.gradNorm}` : `loss is ${step.loss}`;
    return {
      reason: 'not-finite',
      message: `training diverged at step ${step.step}: the ${what}; ${remedy}`,
    };
  }
  const limit = DIVERGENCE_FACTOR * Math.log(step.vocabSize);
  if (step.smoothRule && step.step > DIVERGENCE_GRACE_STEPS && step.smoothLoss > limit) {
    return {
      reason: 'diverged',
      message:
        `training diverged at step ${step.step}: the smoothed loss ${step.smoothLoss.toPrecision(4)} nats/token ` +
        `exceeds ${DIVERGENCE_FACTOR} × ln ${step.vocabSize} = ${limit.toFixed(2)} (three times a uniform guess); ${remedy}`,
    };
  }
  return undefined;
}

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
