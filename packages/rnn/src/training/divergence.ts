// When a run has failed: a loss or gradient that is not finite, or a smoothed loss far above a uniform guess.

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
