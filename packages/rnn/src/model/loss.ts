// The loss, equation (2), and its derivative with respect to the logits, equation (11) over N: softmax with cross-entropy.

import type { FloatArray } from '@rnn/einsum';
import { RnnError } from '../errors.js';
import { type Elementwise, loopKernels } from '../kernels/elementwise.js';
import { checkTokens, type ForwardPass, forwardPass } from './forward.js';
import type { Params } from './params.js';

/**
 * Equation (2): L = −(1/N) Σ_t y_t · log ŷ_t with N = T = xs.length, the mean cross-entropy per token in nats,
 * where y_t is the one-hot target `ys[t]`. Computed as log-sum-exp of the logits, so it stays finite even
 * when a probability underflows. Token ids must be integers in [0, K) and `ys` as long as `xs`.
 *
 * @example
 * ```ts
 * const params = initParams({ vocabSize: 4, hiddenSize: 3, seed: 0 });
 * loss(params, [0, 1, 2], [1, 2, 3]); // 1.3614…, near log 4 ≈ 1.386 as small weights give ŷ ≈ uniform
 * ```
 */
export function loss(params: Params, xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  return outputErrors(forwardPass(params, xs, 'loss'), ys, 'loss').loss;
}

/**
 * The loss (2) of a forward pass and its output errors e = ∂L/∂q = (ŷ − y)/N [T,K], equation (11) with the 1/N
 * of (2), by {@link softmaxCrossEntropy} on a copy of the logits; `ys` is checked first (internal: the reference
 * forms, loss and both gradient methods, start here).
 */
export function outputErrors(
  pass: ForwardPass,
  ys: ArrayLike<number>,
  where: string,
): { readonly loss: number; readonly e: Float64Array } {
  const { vocabSize: K, length: T } = pass;
  checkTargets(ys, T, K, where);
  const e = pass.q.slice();
  const loss = softmaxCrossEntropy(loopKernels, e, Int32Array.from(ys), T, K, new Float64Array(3 * T));
  return { loss, e };
}

/**
 * Softmax with cross-entropy over `rows` rows of logits q [rows, K], the one place the package evaluates it: q
 * becomes e = ∂L/∂q = (ŷ − y)/N in place, equation (11) with the 1/N of (2) (N = rows), and the result is the
 * mean cross-entropy (2), −(1/N) Σ_n log ŷ_n[y_n], each term computed as max + log Σ exp(q − max) − q[y] so that
 * it stays finite when a probability underflows. `stats` [3·rows] is the kernels' scratch (internal).
 *
 * @example
 * ```ts
 * const q = Float64Array.of(0, 0); // one row, K = 2
 * softmaxCrossEntropy(loopKernels, q, Int32Array.of(1), 1, 2, new Float64Array(3)); // log 2; q → [0.5, −0.5]
 * ```
 */
export function softmaxCrossEntropy<A extends FloatArray>(
  kernels: Elementwise<A>,
  q: A,
  targets: Int32Array,
  rows: number,
  K: number,
  stats: A,
): number {
  kernels.softmaxRows(q, targets, rows, K, rows, stats);
  let total = 0;
  for (let n = 0; n < rows; n++) {
    // E_n = −log ŷ_n[y_n] = log Σ_k exp(q_nk) − q_n[y_n]
    total += (stats[3 * n] as number) + Math.log(stats[3 * n + 1] as number) - (stats[3 * n + 2] as number);
  }
  return total / rows;
}

/** Throws an RnnError unless `ys` holds T token ids in [0, K) (internal). */
export function checkTargets(ys: ArrayLike<number>, T: number, K: number, where: string): void {
  checkTokens(ys, K, where, 'ys');
  if (ys.length !== T) {
    throw new RnnError(
      'bad-argument',
      `${where}: ys has ${ys.length} targets but xs has ${T} inputs; they must match`,
    );
  }
}
