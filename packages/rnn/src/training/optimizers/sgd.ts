// Stochastic gradient descent (WildML's tutorial): θ −= lr · clip(g), with the learning rate halved when the loss rises.

import type { FloatArray } from '@rnn/einsum';
import type { Optimizer, OptimizerOptions, OptimizerSlot, OptimizerState } from './optimizer.js';
import { gradientStatistics, storageOf } from './optimizer.js';

/** θ −= lr · clip(g), entry by entry. */
function sgdUpdate(theta: FloatArray, g: FloatArray, learningRate: number, clip: number): void {
  for (let i = 0; i < theta.length; i++) {
    const gi = Math.min(Math.max(g[i] as number, -clip), clip);
    theta[i] = (theta[i] as number) - learningRate * gi;
  }
}

/**
 * SGD over `slots` (see createOptimizer): after every `evaluateEvery` observed losses, the window's mean is
 * compared with the previous window's and, with `halveOnRise`, the learning rate halves if it rose (internal).
 */
export function createSgd(
  slots: readonly OptimizerSlot[],
  options: OptimizerOptions,
  resume?: OptimizerState,
): Optimizer {
  let learningRate = resume?.learningRate ?? options.learningRate;
  let previousEvaluation = resume?.previousEvaluation ?? null;
  let windowLoss = resume?.windowLoss ?? 0;
  let windowSteps = resume?.windowSteps ?? 0;
  const { clip } = options;
  const gradients = () => slots.map(({ gradient }) => storageOf(gradient));
  return {
    name: 'sgd',
    get learningRate() {
      return learningRate;
    },
    inspect: () => gradientStatistics(gradients(), clip),
    update() {
      for (const { parameter, gradient } of slots) {
        sgdUpdate(storageOf(parameter), storageOf(gradient), learningRate, clip);
      }
    },
    observeLoss(loss) {
      if (!options.halveOnRise) return;
      windowLoss += loss;
      windowSteps += 1;
      if (windowSteps < options.evaluateEvery) return;
      const mean = windowLoss / windowSteps;
      if (previousEvaluation !== null && mean > previousEvaluation) learningRate /= 2;
      previousEvaluation = mean;
      windowLoss = 0;
      windowSteps = 0;
    },
    state: () => ({ name: 'sgd', learningRate, memory: [], previousEvaluation, windowLoss, windowSteps }),
  };
}
