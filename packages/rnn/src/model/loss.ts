// The loss, equation (2) with N = T, and its derivative with respect to the logits, equation (11) over N.

import { RnnError } from '../errors.js';
import { checkTokens, forwardPass } from './forward.js';
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
  const { vocabSize: K, length: T, q } = forwardPass(params, xs, 'loss');
  checkTargets(ys, T, K, 'loss');
  let total = 0;
  for (let t = 0; t < T; t++) total += crossEntropyOfRow(q, t * K, K, ys[t] as number);
  return total / T;
}

/**
 * E_t = −log ŷ_t[target] = log Σ_k exp(q_tk) − q_t[target] for the logits row q[base … base + K), computed as
 * max + log Σ_k exp(q_k − max) − q_target, so it stays finite when a probability underflows (internal).
 */
export function crossEntropyOfRow(q: Float64Array, base: number, K: number, target: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < K; k++) max = Math.max(max, q[base + k] as number);
  let sum = 0;
  for (let k = 0; k < K; k++) sum += Math.exp((q[base + k] as number) - max);
  return max + Math.log(sum) - (q[base + target] as number);
}

/**
 * The output errors e_t = ∂L/∂q_t = (ŷ_t − y_t)/N, [T,K]: equation (11) with the 1/N of (2); the hand-written
 * derivative of softmax with cross-entropy (internal).
 */
export function outputErrors(yHat: Float64Array, ys: ArrayLike<number>, K: number): Float64Array {
  const T = ys.length;
  const e = new Float64Array(T * K);
  for (let i = 0; i < e.length; i++) e[i] = (yHat[i] as number) / T;
  for (let t = 0; t < T; t++) {
    const target = t * K + (ys[t] as number);
    e[target] = (e[target] as number) - 1 / T;
  }
  return e;
}

/**
 * Turns the logits q [N,K] in place into e = (softmax(q) − y)/N and returns the mean cross-entropy (2):
 * −(1/N) Σ_n log ŷ_n[y_n], each term computed as log Σ exp(q) − q[y]: the training hot path's fused form of
 * {@link loss} and {@link outputErrors} (internal).
 */
export function softmaxCrossEntropy(q: Float64Array, targets: Int32Array, N: number, K: number): number {
  let total = 0;
  for (let n = 0; n < N; n++) {
    const base = n * K;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < K; k++) max = Math.max(max, q[base + k] as number);
    const target = targets[n] as number;
    total += max - (q[base + target] as number); // −log ŷ[y] = log Σ exp(q − max) + max − q[y]
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const p = Math.exp((q[base + k] as number) - max);
      q[base + k] = p;
      sum += p;
    }
    total += Math.log(sum);
    const scale = 1 / (sum * N);
    for (let k = 0; k < K; k++) q[base + k] = (q[base + k] as number) * scale;
    q[base + target] = (q[base + target] as number) - 1 / N;
  }
  return total / N;
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
