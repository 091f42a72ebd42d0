// The training step's contractions: EQUATIONS' bptt forms over B streams at once, and the one-hot gather and scatter.

import type { Contraction } from './contractions.js';

// Notation: B streams b read side by side; n = t·B + b runs over the N = T·B rows of a step's whole chunk (time
// major), so a contraction over n sums over the steps and the streams together. The per-step contractions carry b:
// the recurrence needs s_{t−1} of every stream before step t. Each string is the adjoint, or the relabelling, of
// a forward one (test/equations.test.ts checks every one with `adjoint`).

/** (1a) U x_n for every row: x_n is one-hot, so the step reads row x_n of U kept by token ([K,H]): a gather. */
export const batchedInputGather: Contraction = {
  name: 'inputProjection',
  subscripts: 'hk,nk->nh',
  operands: ['U', 'x'],
  result: 'Ux',
  meaning:
    'U x_n for every row n = t·B + b; x_n is one-hot, so the step gathers row x_n of U kept by token ' +
    '(U stored as [K,H]) instead of multiplying by zeros',
  oneHot: 'gather',
};
/** (1a) W s_{t−1} for the B streams at once: one [B,H]×[H,H] product per step over resident W. */
export const batchedRecurrence: Contraction = {
  name: 'recurrence',
  subscripts: 'hj,bj->bh',
  operands: ['W', 's_{t-1}'],
  result: 'Ws',
  meaning: 'W s_{t−1} for every stream b at once, before the tanh: one matrix product per step',
};
/** (21)/(24) backward of `batchedRecurrence` with respect to s_{t−1}: Wᵀδ_r for every stream. */
export const batchedBackwardStep: Contraction = {
  name: 'backwardStep',
  subscripts: 'bh,hj->bj',
  operands: ['δ_r', 'W'],
  result: 'Wᵀδ',
  meaning: 'Wᵀ δ_r for every stream b at once: the errors carried from step r back to s_{r−1}',
};
/** (1b) q_n = V s_n for all N rows in one product. */
export const batchedLogits: Contraction = {
  name: 'logits',
  subscripts: 'kh,nh->nk',
  operands: ['V', 's'],
  result: 'q',
  meaning:
    'q_n = V s_n for every row of the chunk in one product; softmax with cross-entropy then runs row by row',
};
/** (13) dV over all rows: Σ_n e_n ⊗ s_n, the sum over steps and streams in one product. */
export const batchedVGradient: Contraction = {
  name: 'gradient',
  subscripts: 'nk,nh->kh',
  operands: ['e', 's'],
  result: 'dV',
  meaning: 'Σ_n (ŷ_n − y_n) ⊗ s_n / N over every step of every stream',
};
/** (21)/(24) g_n = Vᵀe_n for all rows. */
export const batchedOutputError: Contraction = {
  name: 'outputError',
  subscripts: 'nk,kh->nh',
  operands: ['e', 'V'],
  result: 'g',
  meaning: 'g_n = Vᵀ e_n for every row: the error that reaches s_n from the output',
};
/** (21) dW over all rows: Σ_n Δ_n ⊗ s_{n−1}, the per-step adjoint of `batchedRecurrence` summed over the steps. */
export const batchedWGradient: Contraction = {
  name: 'gradient',
  subscripts: 'nh,nj->hj',
  operands: ['Δ', 's_prev'],
  result: 'dW',
  meaning: 'dW = Σ_n Δ_n ⊗ s_{n−1} over every step of every stream, in one product',
};
/** (24) dU over all rows: Σ_n Δ_n ⊗ x_n; x_n is one-hot, so the step adds Δ_n into row x_n of dU by token. */
export const batchedUScatter: Contraction = {
  name: 'gradient',
  subscripts: 'nh,nk->hk',
  operands: ['Δ', 'x'],
  result: 'dU',
  meaning:
    'dU = Σ_n Δ_n ⊗ x_n: x_n is one-hot, so the step adds Δ_n into row x_n of dU kept by token ([K,H]), a scatter',
  oneHot: 'scatter',
};
