// gradients(): ∂L/∂U, ∂L/∂W, ∂L/∂V by equations (24), (21), (13), literally or in back-propagation order.

import type { Tensor } from '@rnn/einsum';
import { RnnError } from './errors.js';
import { bpttGradients } from './gradients-bptt.js';
import { literalGradients } from './gradients-literal.js';
import type { Params } from './params.js';

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

/**
 * ∂L/∂θ for θ = U, W, V, with L the mean cross-entropy (2) over the sequence (so the gradients carry its 1/N),
 * by equations (24), (21) and (13). Both methods are einsum contractions from {@link EQUATIONS}, compiled once
 * per shape; they agree to rounding, and both equal central finite differences of {@link loss}.
 *
 * @example
 * ```ts
 * const params = initParams({ vocabSize: 5, hiddenSize: 4, seed: 3 });
 * const fast = gradients(params, [0, 1, 2], [1, 2, 3]);
 * const slow = gradients(params, [0, 1, 2], [1, 2, 3], { method: 'literal' });
 * maxRelativeError(fast.dW.toFlat(), slow.dW.toFlat(), 1e-12); // 1.3e-15: the same sums, rounded apart
 * ```
 */
export function gradients(
  params: Params,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  options: GradientOptions = {},
): Gradients {
  const { method = 'bptt', truncate } = options;
  if (truncate !== undefined && !(Number.isSafeInteger(truncate) && truncate >= 0)) {
    throw new RnnError(
      'bad-argument',
      `gradients: truncate must be a non-negative integer (omit it for full BPTT), got ${String(truncate)}`,
    );
  }
  const window = truncate ?? Number.POSITIVE_INFINITY;
  if (method === 'bptt') return bpttGradients(params, xs, ys, window);
  if (method === 'literal') return literalGradients(params, xs, ys, window);
  throw new RnnError('bad-argument', `gradients: method must be 'literal' or 'bptt', got ${String(method)}`);
}
