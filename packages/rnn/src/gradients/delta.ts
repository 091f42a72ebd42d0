// The δ recurrence of BPTT for (21) and (24): the errors reaching each z_r, carried back through Wᵀ and tanh'.

import type { FloatArray } from '@rnn/einsum';
import type { Elementwise } from '../kernels/elementwise.js';

/**
 * The blocks the δ recurrence reads and writes, one per step r (each `rows` streams × H, length n = rows·H): g_r =
 * Vᵀe_r, the error entering at s_r from the output; s_r, the states; Δ_r, the result. `carried` and `delta` are
 * scratch blocks; `carry(into, delta)` writes Wᵀδ for every stream (EQUATIONS' backwardStep).
 *
 * @example
 * ```ts
 * const blocks: DeltaBlocks<Float64Array> = { g, s, arriving, carried, delta, carry, window: Infinity };
 * ```
 */
export interface DeltaBlocks<A extends FloatArray> {
  readonly g: readonly A[];
  readonly s: readonly A[];
  readonly arriving: readonly A[];
  readonly carried: A;
  readonly delta: A;
  readonly carry: (into: A, delta: A) => void;
  /** The truncation window: for each t only r = t … max(0, t − window) (Infinity: full BPTT). */
  readonly window: number;
}

/**
 * Δ_r = Σ_t δ_{t→r} over the t whose window covers r, where δ_{t→r} = ((∂s_t/∂s_r)ᵀ g_t) ⊙ (1 − s_r²): the
 * error of E_t arriving at z_r. Without truncation the δ of all t travel together, one carry per step,
 * O(T·H²): δ_r = (g_r + Wᵀδ_{r+1}) ⊙ (1 − s_r²). With it each t carries its own δ back through its window,
 * O(T·window·H²). (21) and (24) then contract Δ with s_{r−1} and x_r (internal).
 *
 * @example
 * ```ts
 * errorsArriving(loopKernels, { g, s, arriving, carried, delta, carry, window: Infinity });
 * ```
 */
export function errorsArriving<A extends FloatArray>(kernels: Elementwise<A>, blocks: DeltaBlocks<A>): void {
  const { g, s, arriving, carried, delta, carry, window } = blocks;
  const T = arriving.length;
  const n = carried.length;
  if (window >= T - 1) {
    carried.fill(0); // nothing arrives at z_{T−1} from later steps
    for (let r = T - 1; r >= 0; r--) {
      kernels.gate(arriving[r] as A, g[r] as A, carried, s[r] as A, n);
      if (r > 0) carry(carried, arriving[r] as A);
    }
    return;
  }
  for (const block of arriving) block.fill(0);
  for (let t = 0; t < T; t++) {
    const last = Math.max(0, t - window);
    for (let r = t; r >= last; r--) {
      kernels.gateAccumulate(delta, arriving[r] as A, r === t ? (g[t] as A) : carried, s[r] as A, n);
      if (r > last) carry(carried, delta);
    }
  }
}
