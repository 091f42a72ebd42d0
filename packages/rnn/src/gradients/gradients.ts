// gradients(): ∂L/∂U, ∂L/∂W, ∂L/∂V by equations (24), (21), (13), literally or in back-propagation order.

import { RnnError } from '../errors.js';
import type { Params } from '../model/params.js';
import { bpttGradients } from './bptt.js';
import { literalGradients } from './literal.js';
import type { GradientOptions, Gradients } from './types.js';

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
