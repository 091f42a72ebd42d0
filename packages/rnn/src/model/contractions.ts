// The contractions of the RNN's forward pass and gradients, named, with their equation numbers; EQUATIONS groups them.

/**
 * One einsum contraction of the model: the subscripts, what its operands and result stand for, and why.
 *
 * @example
 * ```ts
 * const { subscripts, operands, result } = EQUATIONS['13'].bptt[0];
 * // 'tk,th->kh', ['e', 's'], 'dV'
 * ```
 */
export interface Contraction {
  /** A short identifier, unique within its form of its equation, e.g. `'jacobianChain'`. */
  readonly name: string;
  /** The einsum string, as @rnn/einsum reads it. */
  readonly subscripts: string;
  /** What each operand is, in the order of the subscripts. */
  readonly operands: readonly string[];
  /** What the result is. */
  readonly result: string;
  /** One sentence of mathematics: what the contraction computes. */
  readonly meaning: string;
  /**
   * How the training step evaluates a contraction with the one-hot x: `'gather'` (U x_t reads the row of U by
   * token that x_t selects) or `'scatter'` ((24)'s dU adds each Δ_r into the row of x_r): the same sums as the
   * einsum string, without the multiplications by zero. Absent: evaluated as the contraction it is.
   */
  readonly oneHot?: 'gather' | 'scatter';
}

// Notation: T steps t, r; K vocabulary entries k, i, l; H hidden units h, j, m, n, p. x is the one-hot input
// [T,K], s the hidden states [T,H], s_prev the states shifted by one step ([T,H], s_{−1} = 0), and
// e_t = (ŷ_t − y_t)/N the output error: (11) with the 1/N of (2), so that every gradient below is ∂L/∂θ.
// The bptt contractions are the einsum adjoints of the forward ones (a test checks it with `adjoint`).

// ── (1a) s_t = tanh(U x_t + W s_{t−1}) ─────────────────────────────────────────────────────────────────────

/** (1a) forward: (Ux)_th = U_hk x_tk, every step at once. */
export const inputProjection: Contraction = {
  name: 'inputProjection',
  subscripts: 'hk,tk->th',
  operands: ['U', 'x'],
  result: 'Ux',
  meaning: 'U x_t for every step t; x_t is one-hot, so row t is column x_t of U',
};
/** (1a) forward: (W s_{t−1})_h = W_hj s_{t−1 j}, one step at a time: step t needs s_{t−1}. */
export const recurrence: Contraction = {
  name: 'recurrence',
  subscripts: 'hj,j->h',
  operands: ['W', 's_{t-1}'],
  result: 'Ws',
  meaning: 'W s_{t−1}: the previous state mixed into step t, before the tanh',
};
/** (21)/(24) backward of `recurrence` with respect to s_{t−1}: c_j = δ_h W_hj, i.e. Wᵀδ. */
export const backwardStep: Contraction = {
  name: 'backwardStep',
  subscripts: 'h,hj->j',
  operands: ['δ_r', 'W'],
  result: 'Wᵀδ',
  meaning: 'Wᵀ δ_r carries the error at step r back to s_{r−1}, where (1 − s_{r−1}²) gates it',
};

// ── (1b) ŷ_t = softmax(V s_t) ─────────────────────────────────────────────────────────────────────────────

/** (1b) forward: q_tk = V_kh s_th, every step at once; softmax runs along k. */
export const logits: Contraction = {
  name: 'logits',
  subscripts: 'kh,th->tk',
  operands: ['V', 's'],
  result: 'q',
  meaning: 'q_t = V s_t for every step t; ŷ_t = softmax(q_t) row by row',
};
/** (21)/(24) backward of `logits` with respect to s: g_th = e_tk V_kh, i.e. Vᵀe_t. */
export const outputError: Contraction = {
  name: 'outputError',
  subscripts: 'tk,kh->th',
  operands: ['e', 'V'],
  result: 'g',
  meaning:
    'g_t = Vᵀ e_t, the error that reaches s_t from the output at step t: (ŷ_t − y_t)_l V_lm of (21)/(24)',
};

// ── (13)/(14) ∂E_t/∂V_ij = (ŷ_t − y_t)_i s_t_j ───────────────────────────────────────────────────────────

/** (13) literal: one [K,H] gradient per step, ∂(E_t/N)/∂V_ij = e_ti s_tj. */
export const perStepVGradient: Contraction = {
  name: 'perStepGradient',
  subscripts: 'ti,tj->tij',
  operands: ['e', 's'],
  result: '∂E_t/∂V',
  meaning: '(13) as printed, for every step t: (ŷ_t − y_t)_i s_t_j, divided by N',
};
/** (13) literal, section 2.4: dV_ij = Σ_t ∂(E_t/N)/∂V_ij. */
export const totalVGradient: Contraction = {
  name: 'totalGradient',
  subscripts: 'tij->ij',
  operands: ['∂E_t/∂V'],
  result: 'dV',
  meaning: 'the total gradient sums the per-step gradients over t (section 2.4)',
};
/** (13) bptt, backward of `logits` with respect to V: dV_kh = e_tk s_th, the sum over t fused in. */
export const vGradient: Contraction = {
  name: 'gradient',
  subscripts: 'tk,th->kh',
  operands: ['e', 's'],
  result: 'dV',
  meaning: 'Σ_t (ŷ_t − y_t) ⊗ s_t / N in one contraction over t',
};
/** (14) one step's gradient as an outer product: (∂E_t/∂V)_ij = (ŷ_t − y_t)_i s_t_j. */
export const outerProduct: Contraction = {
  name: 'outerProduct',
  subscripts: 'i,j->ij',
  operands: ['ŷ_t − y_t', 's_t'],
  result: '∂E_t/∂V',
  meaning: '(14): ∂E_t/∂V = (ŷ_t − y_t) ⊗ s_t',
};

// ── (21)/(24) literal: the Jacobian chain and the immediate partials, materialised ─────────────────────────

/** ∂s_k/∂s_{k−1} = diag(1 − s_k²) W, for every step k: J_kmn = (1 − s_k²)_m W_mn. */
export const stepJacobian: Contraction = {
  name: 'stepJacobian',
  subscripts: 'km,mn->kmn',
  operands: ['1 − s²', 'W'],
  result: 'J',
  meaning: 'the step Jacobian ∂s_k/∂s_{k−1} = diag(1 − s_k²) W for every step k',
};
/** (∂s_t/∂s_r)_mn = (∂s_t/∂s_{r+1})_mp (J_{r+1})_pn, from the identity at r = t down to the window's end. */
export const jacobianChain: Contraction = {
  name: 'jacobianChain',
  subscripts: 'mp,pn->mn',
  operands: ['∂s_t/∂s_{r+1}', 'J_{r+1}'],
  result: '∂s_t/∂s_r',
  meaning:
    'the chain ∂s_t/∂s_r = J_t J_{t−1} … J_{r+1} (the identity at r = t), kept as a [T,T,H,H] tensor that is ' +
    'zero for r > t and for r < t − truncate',
};
/** (21) immediate partial: (∂s_r/∂W)_nij = (1 − s_r²)_n δ_ni s_{r−1 j}, the Kronecker delta as an [H,H] operand. */
export const immediatePartialW: Contraction = {
  name: 'immediatePartial',
  subscripts: 'rn,ni,rj->rnij',
  operands: ['1 − s²', 'δ', 's_prev'],
  result: '∂s_r/∂W',
  meaning: 'the immediate partial ∂s_r_n/∂W_ij = (1 − s_r_n²) δ_ni s_{r−1}_j (s_{r−1} held fixed), [T,H,H,H]',
};
/** (24) immediate partial: (∂s_r/∂U)_nij = (1 − s_r²)_n δ_ni x_rj. */
export const immediatePartialU: Contraction = {
  name: 'immediatePartial',
  subscripts: 'rn,ni,rj->rnij',
  operands: ['1 − s²', 'δ', 'x'],
  result: '∂s_r/∂U',
  meaning:
    'the immediate partial ∂s_r_n/∂U_ij = (1 − s_r_n²) δ_ni x_r_j, nonzero only in column x_r, [T,H,H,K]',
};
/** (21) as printed, summed over t: dW_ij = e_tl V_lm (∂s_t/∂s_r)_mn (∂s_r/∂W)_rnij, the Σ_{r≤t} in the chain. */
export const literalWGradient: Contraction = {
  name: 'gradient',
  subscripts: 'tl,lm,trmn,rnij->ij',
  operands: ['e', 'V', '∂s_t/∂s_r', '∂s_r/∂W'],
  result: 'dW',
  meaning: '(21) summed over t: (ŷ_t − y_t)_l V_lm Σ_{r≤t} (∂s_t/∂s_r)_mn (∂s_r/∂W)_nij / N',
};
/** (24) as printed, summed over t: dU_ij = e_tl V_lm (∂s_t/∂s_r)_mn (∂s_r/∂U)_rnij. */
export const literalUGradient: Contraction = {
  name: 'gradient',
  subscripts: 'tl,lm,trmn,rnij->ij',
  operands: ['e', 'V', '∂s_t/∂s_r', '∂s_r/∂U'],
  result: 'dU',
  meaning: '(24) summed over t: (ŷ_t − y_t)_l V_lm Σ_{r≤t} (∂s_t/∂s_r)_mn (∂s_r/∂U)_nij / N',
};

// ── (21)/(24) bptt: δ_r = (g_r + Wᵀδ_{r+1}) ⊙ (1 − s_r²), then one contraction over r ───────────────────────

/** (21) bptt, backward of `recurrence` with respect to W over all steps: dW_hj = Δ_th s_{t−1 j}. */
export const bpttWGradient: Contraction = {
  name: 'gradient',
  subscripts: 'th,tj->hj',
  operands: ['Δ', 's_prev'],
  result: 'dW',
  meaning:
    'dW = Σ_r Δ_r ⊗ s_{r−1}, Δ_r the errors δ reaching step r, summed over the t whose window covers r',
};
/** (24) bptt, backward of `inputProjection` with respect to U: dU_hk = Δ_th x_tk. */
export const bpttUGradient: Contraction = {
  name: 'gradient',
  subscripts: 'th,tk->hk',
  operands: ['Δ', 'x'],
  result: 'dU',
  meaning: 'dU = Σ_r Δ_r ⊗ x_r: x_r is one-hot, so Δ_r lands in column x_r',
};
