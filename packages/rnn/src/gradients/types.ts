// The gradient triple and the options of gradients(): shared by every method, so that no method imports another.

import type { Tensor } from '@rnn/einsum';

/**
 * Gradients of the loss (2) with respect to each parameter, in the parameter's shape.
 *
 * @example
 * ```ts
 * const { dU, dW, dV } = gradients(initParams({ vocabSize: 4, hiddenSize: 3, seed: 0 }), [0, 1], [1, 2]);
 * [dU.shape, dW.shape, dV.shape]; // [[3, 4], [3, 3], [4, 3]]
 * ```
 */
export interface Gradients {
  readonly dU: Tensor;
  readonly dW: Tensor;
  readonly dV: Tensor;
}

/**
 * How {@link gradients} evaluates the equations.
 *
 * @example
 * ```ts
 * const options: GradientOptions = { method: 'literal', truncate: 2 };
 * ```
 */
export interface GradientOptions {
  /** `'bptt'` (default): O(T·H²) back-propagation order; `'literal'`: the equations as printed, O(T²·H³). */
  readonly method?: 'literal' | 'bptt';
  /**
   * Truncated BPTT (the tutorial's `bptt_truncate`): for each t only r = t, t−1, …, max(0, t − truncate)
   * contribute to (21) and (24); (13) is never truncated. Omitted: no truncation.
   */
  readonly truncate?: number;
}
