// Literal gradients: equations (13), (21), (24) as printed, every Jacobian and immediate partial materialised.

import { type CompiledExpression, compile } from '@rnn/einsum';
import { RnnError } from '../errors.js';
import { EQUATIONS } from '../model/equations.js';
import { forwardPass } from '../model/forward.js';
import { outputErrors } from '../model/loss.js';
import type { Params } from '../model/params.js';
import { shapeCache } from '../model/shape-cache.js';
import type { Gradients } from './types.js';

interface LiteralPlan {
  readonly perStepV: CompiledExpression;
  readonly totalV: CompiledExpression;
  readonly stepJacobian: CompiledExpression;
  readonly jacobianChain: CompiledExpression;
  readonly immediateW: CompiledExpression;
  readonly gradientW: CompiledExpression;
  readonly immediateU: CompiledExpression;
  readonly gradientU: CompiledExpression;
}
/**
 * The largest tensor the literal form may materialise: 2^24 elements (128 MiB of float64). The immediate
 * partials are [T,H,H,H] and [T,H,H,K], so this admits for instance H = 100 with T ≤ 16 and K ≤ 100.
 */
const MAX_LITERAL_ELEMENTS = 2 ** 24;

/** Throws an RnnError (code `bad-argument`) when a tensor of the literal form would exceed MAX_LITERAL_ELEMENTS. */
function checkLiteralSize(K: number, H: number, T: number): void {
  const largest = Math.max(T * T * H * H, T * H * H * H, T * H * H * K);
  if (largest > MAX_LITERAL_ELEMENTS) {
    throw new RnnError(
      'bad-argument',
      `gradients: the literal form materialises ∂s_r/∂W [T,H,H,H], ∂s_r/∂U [T,H,H,K] and ∂s_t/∂s_r [T,T,H,H]; ` +
        `with T = ${T}, H = ${H}, K = ${K} the largest has ${largest} elements, over ${MAX_LITERAL_ELEMENTS}. ` +
        `Use method 'bptt' (the same sums in O(T·H²)) or smaller sizes.`,
    );
  }
}

/** Compiled contractions, one set per shape (K, H, T), made on first use. */
const planFor = shapeCache((K, H, T): LiteralPlan => {
  const [perStepV, totalV] = EQUATIONS['13'].literal;
  const [stepJacobian, jacobianChain, immediateW, gradientW] = EQUATIONS['21'].literal;
  const [, , immediateU, gradientU] = EQUATIONS['24'].literal;
  const [tk, th, hh, kh, tkh] = [
    [T, K],
    [T, H],
    [H, H],
    [K, H],
    [T, K, H],
  ];
  const [chain, dsdW, dsdU] = [
    [T, T, H, H],
    [T, H, H, H],
    [T, H, H, K],
  ];
  return {
    perStepV: compile(perStepV.subscripts, [tk, th]),
    totalV: compile(totalV.subscripts, [tkh]),
    stepJacobian: compile(stepJacobian.subscripts, [th, hh]),
    jacobianChain: compile(jacobianChain.subscripts, [hh, hh]),
    immediateW: compile(immediateW.subscripts, [th, hh, th]),
    gradientW: compile(gradientW.subscripts, [tk, kh, chain, dsdW]),
    immediateU: compile(immediateU.subscripts, [th, hh, tk]),
    gradientU: compile(gradientU.subscripts, [tk, kh, chain, dsdU]),
  };
});

/**
 * ∂L/∂U, ∂L/∂W, ∂L/∂V by (24), (21), (13) as printed: O(T²·H³) time and memory, there to be checked against.
 * For each t only r = t … max(0, t − window) contribute to (21) and (24). Call it through {@link gradients}
 * with `method: 'literal'` (internal).
 */
export function literalGradients(
  params: Params,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  window: number,
): Gradients {
  const pass = forwardPass(params, xs, 'gradients');
  const { vocabSize: K, hiddenSize: H, length: T, x, s, sPrev, gate } = pass;
  const { W, V } = pass.params;
  const { e } = outputErrors(pass, ys, 'gradients'); // e_t = (ŷ_t − y_t)/N, (11) with the 1/N of (2)
  checkLiteralSize(K, H, T);
  const plan = planFor(K, H, T);

  // #region eq13-literal
  // (13) ∂E_t/∂V_ij = (ŷ_t − y_t)_i s_t_j for every t, then the sum over t of section 2.4.
  const perStepV = plan.perStepV(e, s);
  const dV = plan.totalV(perStepV);
  // #endregion eq13-literal

  // #region eq21-literal
  // (21) ∂E_t/∂W_ij = (ŷ_t − y_t)_l V_lm Σ_{r≤t} (∂s_t/∂s_r)_mn (∂s_r/∂W)_nij, summed over t.
  const kronecker = identity(H); // δ_ni
  const J = plan.stepJacobian(gate, W).data; // ∂s_k/∂s_{k−1} = diag(1 − s_k²) W, [T,H,H]
  const chain = jacobianChain(plan, J, T, H, window); // ∂s_t/∂s_r, [T,T,H,H]
  const dsdW = plan.immediateW(gate, kronecker, sPrev); // (1 − s_r²)_n δ_ni s_{r−1}_j, [T,H,H,H]
  const dW = plan.gradientW(e, V, chain, dsdW);
  // #endregion eq21-literal

  // #region eq24-literal
  // (24) ∂E_t/∂U_ij = (ŷ_t − y_t)_l V_lm Σ_{r≤t} (∂s_t/∂s_r)_mn (∂s_r/∂U)_nij: the same chain, U's partial.
  const dsdU = plan.immediateU(gate, kronecker, x); // (1 − s_r²)_n δ_ni x_r_j, [T,H,H,K]
  const dU = plan.gradientU(e, V, chain, dsdU);
  // #endregion eq24-literal

  return { dU, dW, dV };
}

/**
 * The Jacobian chain ∂s_t/∂s_r as a [T,T,H,H] tensor: the identity at r = t, then
 * ∂s_t/∂s_r = ∂s_t/∂s_{r+1} · J_{r+1} for r = t−1 down to max(0, t − window); zero elsewhere (r > t, or
 * outside the truncation window).
 */
function jacobianChain(
  plan: LiteralPlan,
  J: Float64Array,
  T: number,
  H: number,
  window: number,
): Float64Array {
  const block = H * H;
  const chain = new Float64Array(T * T * block);
  const eye = identity(H);
  for (let t = 0; t < T; t++) {
    chain.set(eye, (t * T + t) * block);
    for (let r = t - 1; r >= Math.max(0, t - window); r--) {
      const later = chain.subarray((t * T + r + 1) * block, (t * T + r + 2) * block); // ∂s_t/∂s_{r+1}
      const step = J.subarray((r + 1) * block, (r + 2) * block); // J_{r+1} = ∂s_{r+1}/∂s_r
      chain.set(plan.jacobianChain(later, step).data, (t * T + r) * block);
    }
  }
  return chain;
}

/** The Kronecker delta δ_ni as an [H,H] identity matrix. */
function identity(H: number): Float64Array {
  const eye = new Float64Array(H * H);
  for (let i = 0; i < H; i++) eye[i * H + i] = 1;
  return eye;
}
