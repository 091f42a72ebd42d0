// Equation (1a) over a sequence for several streams at once: the one forward recurrence of the package.

import type { FloatArray } from '@rnn/einsum';
import type { Elementwise } from '../kernels/elementwise.js';

/**
 * What {@link hiddenStates} runs over: T + 1 blocks of `rows` × `width` states (block 0 holds s_{−1}, block t + 1
 * receives s_t), the input table whose row `tokens[t][r]` is U x_t for stream r, and the contraction W s_{t−1}.
 *
 * @example
 * ```ts
 * const recurrence: Recurrence<Float64Array> = { blocks, table: Ux, tokens, rows: 1, width: H, mix };
 * ```
 */
export interface Recurrence<A extends FloatArray> {
  readonly blocks: readonly A[];
  /** Rows of U x for each token: U by token [K, H] (a gather of U's columns), or the rows of U x [T, H]. */
  readonly table: A;
  /** Per step t, the row of `table` of each stream. */
  readonly tokens: readonly Int32Array[];
  readonly rows: number;
  readonly width: number;
  /** into ← W · previous, for every stream: a compiled recurrence contraction of EQUATIONS['1a']. */
  readonly mix: (into: A, previous: A) => void;
}

/**
 * (1a) s_t = tanh(U x_t + W s_{t−1}) for t = 0 … T − 1: W s_{t−1} by the contraction, then the gather of U x_t,
 * the sum and the tanh in one pass of the kernels (internal).
 *
 * @example
 * ```ts
 * hiddenStates(loopKernels, { blocks, table, tokens, rows: 1, width: H, mix: (into, s) => recurrence.into(into, W, s) });
 * ```
 */
export function hiddenStates<A extends FloatArray>(kernels: Elementwise<A>, recurrence: Recurrence<A>): void {
  const { blocks, table, tokens, rows, width, mix } = recurrence;
  for (let t = 0; t + 1 < blocks.length; t++) {
    const state = blocks[t + 1] as A;
    mix(state, blocks[t] as A);
    kernels.tanhGather(state, state, table, tokens[t] as Int32Array, rows, width);
  }
}
