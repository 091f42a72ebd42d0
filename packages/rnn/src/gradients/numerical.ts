// Central finite differences of the loss, the oracle that every gradient equation is checked against.

import { tensor } from '@rnn/einsum';
import { RnnError } from '../errors.js';
import { loss } from '../model/loss.js';
import { type Params, paramData } from '../model/params.js';
import type { Gradients } from './types.js';

/**
 * ∂L/∂θ estimated by central differences, one parameter entry at a time:
 * (L(θ + h) − L(θ − h)) / ((θ + h) − (θ − h)), dividing by the step actually taken after rounding.
 *
 * The default h = 1e-5 balances the two errors of a central difference in float64: the truncation error
 * h²·|L'''|/6 (about 1e-10 here) against the rounding error ε·|L|/h (ε ≈ 1.1e-16, |L| ≈ log K, about 3e-11):
 * together about 1e-10 absolute. `params` is not modified (the differences perturb a copy).
 *
 * @example
 * ```ts
 * const params = initParams({ vocabSize: 3, hiddenSize: 2, seed: 5 });
 * const estimate = numericalGradients(params, [0, 1, 2], [1, 2, 0]);
 * const exact = gradients(params, [0, 1, 2], [1, 2, 0]);
 * // estimate.dW.toFlat() and exact.dW.toFlat() differ by at most 1.3e-11
 * ```
 */
export function numericalGradients(
  params: Params,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  options: { h?: number } = {},
): Gradients {
  const { h = 1e-5 } = options;
  if (!(Number.isFinite(h) && h > 0)) {
    throw new RnnError(
      'bad-argument',
      `numericalGradients: h must be a positive finite number, got ${String(h)}`,
    );
  }
  const { vocabSize: K, hiddenSize: H, U, W, V } = paramData(params, 'numericalGradients');
  loss(params, xs, ys); // validates the tokens once, before the many evaluations below
  const copy: Params = { U: tensor(U, [H, K]), W: tensor(W, [H, H]), V: tensor(V, [K, H]) };
  const differentiate = (data: Float64Array): Float64Array => {
    const gradient = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const original = data[i] as number;
      const plus = original + h;
      const minus = original - h;
      data[i] = plus;
      const lossPlus = loss(copy, xs, ys);
      data[i] = minus;
      const lossMinus = loss(copy, xs, ys);
      data[i] = original;
      gradient[i] = (lossPlus - lossMinus) / (plus - minus);
    }
    return gradient;
  };
  return {
    dU: tensor(differentiate(copy.U.data), [H, K]),
    dW: tensor(differentiate(copy.W.data), [H, H]),
    dV: tensor(differentiate(copy.V.data), [K, H]),
  };
}

/**
 * The largest entrywise relative error max_i |a_i − b_i| / max(|a_i|, |b_i|, floor). The floor stops entries
 * that are zero up to rounding (a W column never reached, a U column of an absent token) from turning noise
 * into 0/0; below it the measure is the absolute error divided by the floor.
 *
 * @example
 * ```ts
 * maxRelativeError([1, 2e-12], [1.000001, 0], 1e-8); // 2e-4: the second entry, 2e-12 apart, is below the floor
 * ```
 */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): number {
  if (a.length !== b.length) {
    throw new RnnError('bad-argument', `maxRelativeError: lengths differ (${a.length} and ${b.length})`);
  }
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    const error = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), floor);
    if (!(error <= worst)) worst = error; // also lets NaN through as the worst
  }
  return worst;
}
