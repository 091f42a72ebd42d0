// Forward pass, equations (1a) and (1b): hidden states s [T,H] and output distributions ŷ [T,K].

import { type CompiledExpression, compile, Tensor } from '@rnn/einsum';
import { RnnError } from '../errors.js';
import { loopKernels } from '../kernels/elementwise.js';
import { EQUATIONS } from './equations.js';
import { type ParamData, type Params, paramData } from './params.js';
import { hiddenStates } from './recurrence.js';
import { shapeCache } from './shape-cache.js';

/**
 * The result of {@link forward}: the hidden states s_t as rows of `s` [T, H] and the output distributions
 * ŷ_t = softmax(V s_t) as rows of `yHat` [T, K].
 *
 * @example
 * ```ts
 * const { s, yHat } = forward(initParams({ vocabSize: 4, hiddenSize: 3, seed: 0 }), [0, 2, 1]);
 * [s.shape, yHat.shape]; // [[3, 3], [3, 4]]
 * ```
 */
export interface Forward {
  readonly s: Tensor;
  readonly yHat: Tensor;
}

/** Everything the gradients need from a forward pass, as row-major arrays (internal). */
export interface ForwardPass {
  /** the parameters' row-major data and sizes */
  readonly params: ParamData;
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly length: number;
  /** the one-hot inputs x [T,K] */
  readonly x: Float64Array;
  /** the hidden states s [T,H] */
  readonly s: Float64Array;
  /** the previous states s_{t−1} [T,H] (row 0 is s_{−1}: 0, or the given h0) */
  readonly sPrev: Float64Array;
  /** the tanh derivatives 1 − s_t² [T,H], so that ∂s_t/∂z_t = diag(1 − s_t²) */
  readonly gate: Float64Array;
  /** the logits q = V s [T,K] */
  readonly q: Float64Array;
  /** the output distributions ŷ = softmax(q) [T,K] */
  readonly yHat: Float64Array;
}

interface ForwardPlan {
  readonly inputProjection: CompiledExpression;
  readonly recurrence: CompiledExpression;
  readonly logits: CompiledExpression;
}
/** Compiled contractions, one set per shape (K, H, T), made on first use. */
const planFor = shapeCache((K, H, T): ForwardPlan => {
  const [inputProjection, recurrence] = EQUATIONS['1a'].literal;
  const [logits] = EQUATIONS['1b'].literal;
  const [hk, tk, hh, kh, th] = [
    [H, K],
    [T, K],
    [H, H],
    [K, H],
    [T, H],
  ];
  return {
    inputProjection: compile(inputProjection.subscripts, [hk, tk]),
    recurrence: compile(recurrence.subscripts, [hh, [H]]),
    logits: compile(logits.subscripts, [kh, th]),
  };
});

/**
 * Runs the RNN over the token ids `xs` from s_{−1} = 0: equation (1a) s_t = tanh(U x_t + W s_{t−1}) and
 * (1b) ŷ_t = softmax(V s_t), evaluated through the compiled contractions of {@link EQUATIONS}.
 * Token ids must be integers in [0, K); anything else throws an RnnError (code `bad-argument`).
 *
 * @example
 * ```ts
 * const params = initParams({ vocabSize: 3, hiddenSize: 2, seed: 7 });
 * const { yHat } = forward(params, [0, 1]);
 * yHat.toArray();
 * // [[0.4172, 0.3092, 0.2736], [0.2519, 0.4131, 0.3349]] (rounded): each row sums to 1
 * ```
 */
export function forward(params: Params, xs: ArrayLike<number>): Forward {
  const pass = forwardPass(params, xs, 'forward');
  return {
    s: new Tensor(pass.s, [pass.length, pass.hiddenSize]),
    yHat: new Tensor(pass.yHat, [pass.length, pass.vocabSize]),
  };
}

/**
 * The forward pass with its intermediate arrays; `where` names the public caller in errors. `h0` is s_{−1}, the
 * state carried in from an earlier chunk (default 0, as equation (1a) starts) (internal).
 */
export function forwardPass(
  params: Params,
  xs: ArrayLike<number>,
  where: string,
  h0?: Float64Array,
): ForwardPass {
  const data = paramData(params, where);
  const { vocabSize: K, hiddenSize: H, U, W, V } = data;
  checkTokens(xs, K, where, 'xs');
  if (h0 !== undefined && h0.length !== H) {
    throw new RnnError('bad-argument', `${where}: h0 has ${h0.length} values, but H = ${H}`);
  }
  const T = xs.length;
  const plan = planFor(K, H, T);
  const x = oneHot(xs, K);
  // states: row 0 is s_{−1} (0, or h0), row t + 1 is s_t; s and s_prev are views of it.
  const states = new Float64Array((T + 1) * H);
  if (h0 !== undefined) states.set(h0);
  // #region eq1a
  // (1a) s_t = tanh(U x_t + W s_{t−1}), s_{−1} = 0: U x_t for all t in one contraction, W s_{t−1} step by step.
  const Ux = plan.inputProjection(U, x).data;
  hiddenStates(loopKernels, {
    blocks: Array.from({ length: T + 1 }, (_, t) => states.subarray(t * H, (t + 1) * H)),
    table: Ux, // row t is U x_t
    tokens: Array.from({ length: T }, (_, t) => Int32Array.of(t)),
    rows: 1,
    width: H,
    mix: (into, previous) => plan.recurrence.into(into, W, previous),
  });
  // #endregion eq1a
  const s = states.subarray(H);
  // #region eq1b
  // (1b) ŷ_t = softmax(q_t), q_t = V s_t for all t in one contraction.
  const q = plan.logits(V, s).data;
  const yHat = softmaxRows(q, T, K, 1, new Float64Array(q.length));
  // #endregion eq1b
  const sPrev = states.subarray(0, T * H);
  const gate = new Float64Array(T * H);
  for (let i = 0; i < gate.length; i++) gate[i] = 1 - (s[i] as number) ** 2;
  return { params: data, vocabSize: K, hiddenSize: H, length: T, x, s, sPrev, gate, q, yHat };
}

/**
 * (1b) row by row at a temperature: out[r, k] = exp((q[r, k] − max_r) / temperature) / Σ_k (…), stable (the row
 * maximum is subtracted first); ŷ at temperature 1 (internal).
 */
export function softmaxRows(
  q: ArrayLike<number>,
  rows: number,
  columns: number,
  temperature: number,
  out: Float64Array,
): Float64Array {
  for (let row = 0; row < rows; row++) {
    const base = row * columns;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < columns; k++) max = Math.max(max, q[base + k] as number);
    let sum = 0;
    for (let k = 0; k < columns; k++) {
      const p = Math.exp(((q[base + k] as number) - max) / temperature);
      out[base + k] = p;
      sum += p;
    }
    for (let k = 0; k < columns; k++) out[base + k] = (out[base + k] as number) / sum;
  }
  return out;
}

/** The one-hot rows [T,K] of the token ids (a scatter of ones). */
export function oneHot(ids: ArrayLike<number>, K: number): Float64Array {
  const x = new Float64Array(ids.length * K);
  for (let t = 0; t < ids.length; t++) x[t * K + (ids[t] as number)] = 1;
  return x;
}

/**
 * Throws an RnnError (code `bad-argument`) unless `ids` is a non-empty sequence of integers in [0, K).
 * `where` and `name` say which function and which argument, and the message gives the position.
 */
export function checkTokens(ids: ArrayLike<number>, K: number, where: string, name: string): void {
  if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
    throw new RnnError('bad-argument', `${where}: ${name} must be an array of token ids, got ${String(ids)}`);
  }
  if (ids.length === 0) {
    throw new RnnError('bad-argument', `${where}: ${name} is empty; a sequence needs at least one token`);
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || (id as number) < 0 || (id as number) >= K) {
      throw new RnnError(
        'bad-argument',
        `${where}: ${name}[${i}] is ${String(id)}, but token ids must be integers in [0, ${K}) (K = vocabulary size)`,
      );
    }
  }
}
