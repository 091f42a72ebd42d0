// BPTT gradients: equations (13), (21), (24) contracted in back-propagation order, O(T·H²) per sequence.

import { type CompiledExpression, compile } from '@rnn/einsum';
import { loopKernels } from '../kernels/elementwise.js';
import { EQUATIONS } from '../model/equations.js';
import { forwardPass } from '../model/forward.js';
import { outputErrors } from '../model/loss.js';
import type { Params } from '../model/params.js';
import { shapeCache } from '../model/shape-cache.js';
import { errorsArriving } from './delta.js';
import type { Gradients } from './types.js';

interface BpttPlan {
  readonly gradientV: CompiledExpression;
  readonly outputError: CompiledExpression;
  readonly backwardStep: CompiledExpression;
  readonly gradientW: CompiledExpression;
  readonly gradientU: CompiledExpression;
}
/** Compiled contractions, one set per shape (K, H, T), made on first use. */
const planFor = shapeCache((K, H, T): BpttPlan => {
  const [gradientV] = EQUATIONS['13'].bptt;
  const [outputError, backwardStep, gradientW] = EQUATIONS['21'].bptt;
  const [, , gradientU] = EQUATIONS['24'].bptt;
  const [tk, th, hh, kh] = [
    [T, K],
    [T, H],
    [H, H],
    [K, H],
  ];
  return {
    gradientV: compile(gradientV.subscripts, [tk, th]),
    outputError: compile(outputError.subscripts, [tk, kh]),
    backwardStep: compile(backwardStep.subscripts, [[H], hh]),
    gradientW: compile(gradientW.subscripts, [th, th]),
    gradientU: compile(gradientU.subscripts, [th, tk]),
  };
});

/**
 * ∂L/∂U, ∂L/∂W, ∂L/∂V by (24), (21), (13) in back-propagation order. For each t only r = t … max(0, t − window)
 * contribute to (21) and (24). Call it through {@link gradients} with `method: 'bptt'` (internal).
 */
export function bpttGradients(
  params: Params,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  window: number,
): Gradients {
  const pass = forwardPass(params, xs, 'gradients');
  const { vocabSize: K, hiddenSize: H, length: T, x, s, sPrev } = pass;
  const { W, V } = pass.params;
  const { e } = outputErrors(pass, ys, 'gradients'); // e_t = (ŷ_t − y_t)/N, (11) with the 1/N of (2)
  const plan = planFor(K, H, T);

  // #region eq13-bptt
  // (13) summed over t in one contraction: dV = Σ_t e_t ⊗ s_t.
  const dV = plan.gradientV(e, s);
  // #endregion eq13-bptt

  // #region eq21-bptt
  // (21) backwards: g_t = Vᵀe_t enters at s_t; δ_r = (errors reaching s_r) ⊙ (1 − s_r²) travels to s_{r−1}
  // through Wᵀ. Δ_r sums the δ_r of every t whose window covers r; then dW = Σ_r Δ_r ⊗ s_{r−1}.
  const g = plan.outputError(e, V).data;
  const arriving = new Float64Array(T * H);
  const rows = (a: Float64Array) => Array.from({ length: T }, (_, r) => a.subarray(r * H, (r + 1) * H));
  errorsArriving(loopKernels, {
    g: rows(g),
    s: rows(s),
    arriving: rows(arriving),
    carried: new Float64Array(H),
    delta: new Float64Array(H),
    carry: (into, delta) => plan.backwardStep.into(into, delta, W), // Wᵀδ
    window,
  });
  const dW = plan.gradientW(arriving, sPrev);
  // #endregion eq21-bptt

  // #region eq24-bptt
  // (24) the same Δ_r, with x_r in place of s_{r−1}: dU = Σ_r Δ_r ⊗ x_r.
  const dU = plan.gradientU(arriving, x);
  // #endregion eq24-bptt

  return { dU, dW, dV };
}
