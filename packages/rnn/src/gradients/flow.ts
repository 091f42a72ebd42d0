// How far back in time the gradient reaches: ‖∂s_t/∂s_r‖ along the Jacobian chain of (20), (21) and (24).

import { type CompiledExpression, compile } from '@rnn/einsum';
import { EQUATIONS } from '../model/equations.js';
import { forwardPass } from '../model/forward.js';
import type { Params } from '../model/params.js';
import { shapeCache } from '../model/shape-cache.js';

/**
 * The result of {@link gradientFlow}: `norms[d]` = ‖∂s_t/∂s_{t−d}‖_F for the last step t, d = 0 … T − 1 (norms[0]
 * is ‖I‖_F = √H), and `reach`, the first d whose norm is below {@link GRADIENT_FLOW_FLOOR} · norms[0] (null when
 * none in the sequence is: the gradient from step t still reaches its start).
 *
 * @example
 * ```ts
 * const { norms, reach }: GradientFlow = gradientFlow(params, [0, 1, 2, 3]);
 * ```
 */
export interface GradientFlow {
  readonly norms: number[];
  readonly reach: number | null;
}

/**
 * The share of ‖∂s_t/∂s_t‖ below which the gradient counts as no longer reaching back: 1e-3.
 *
 * @example
 * ```ts
 * flow.norms.findIndex((n) => n < GRADIENT_FLOW_FLOOR * flow.norms[0]) // flow.reach, or -1 when it is null
 * ```
 */
export const GRADIENT_FLOW_FLOOR = 1e-3;

interface FlowPlan {
  readonly stepJacobian: CompiledExpression;
  readonly jacobianChain: CompiledExpression;
}
/** The two contractions of the chain, for one step at a time: J_k [1,H,H] and the [H,H] × [H,H] product. */
const planFor = shapeCache((_K, H): FlowPlan => {
  const [stepJacobian, jacobianChain] = EQUATIONS['21'].literal;
  return {
    stepJacobian: compile(stepJacobian.subscripts, [
      [1, H],
      [H, H],
    ]),
    jacobianChain: compile(jacobianChain.subscripts, [
      [H, H],
      [H, H],
    ]),
  };
});

const frobenius = (m: Float64Array): number => {
  let sum = 0;
  for (let i = 0; i < m.length; i++) sum += (m[i] as number) * (m[i] as number);
  return Math.sqrt(sum);
};

/**
 * Runs the model over `xs` from s_{−1} = `h0` (default 0) and, for the last step t = T − 1, follows the chain
 * ∂s_t/∂s_r = ∂s_t/∂s_{r+1} · J_{r+1} from the identity at r = t down to r = 0, where J_k = diag(1 − s_k²) W is
 * the step Jacobian: the `stepJacobian` and `jacobianChain` contractions of {@link EQUATIONS} (21), one H × H
 * product per step back (T − 1 products, not the T² pairs of the literal form). Vanishing gradients (the seed's
 * remark on (20)) show as norms that fall geometrically with t − r.
 *
 * @example
 * ```ts
 * const params = initParams({ vocabSize: 4, hiddenSize: 8, seed: 1 });
 * const { norms, reach } = gradientFlow(params, [0, 1, 2, 3, 0, 1, 2, 3]);
 * norms.length; // 8, with norms[0] = √8 ≈ 2.83 and smaller values further back
 * reach;        // e.g. 5: ‖∂s_7/∂s_2‖ < 1e-3 · √8
 * ```
 */
export function gradientFlow(
  params: Params,
  xs: ArrayLike<number>,
  options: { h0?: Float64Array } = {},
): GradientFlow {
  const pass = forwardPass(params, xs, 'gradientFlow', options.h0);
  const { hiddenSize: H, length: T, gate } = pass;
  const plan = planFor(pass.vocabSize, H, 1);
  let chain = new Float64Array(H * H);
  for (let i = 0; i < H; i++) chain[i * H + i] = 1; // ∂s_t/∂s_t = I
  let next = new Float64Array(H * H);
  const jacobian = new Float64Array(H * H);
  const norms = [frobenius(chain)];
  for (let r = T - 2; r >= 0; r--) {
    // J_{r+1} = diag(1 − s_{r+1}²) W, then ∂s_t/∂s_r = ∂s_t/∂s_{r+1} · J_{r+1}.
    plan.stepJacobian.into(jacobian, gate.subarray((r + 1) * H, (r + 2) * H), pass.params.W);
    plan.jacobianChain.into(next, chain, jacobian);
    [chain, next] = [next, chain];
    norms.push(frobenius(chain));
  }
  const floor = GRADIENT_FLOW_FLOOR * (norms[0] as number);
  const reach = norms.findIndex((norm) => norm < floor);
  return { norms, reach: reach === -1 ? null : reach };
}
