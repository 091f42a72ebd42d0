// createBackprop(): the training hot path, forward and BPTT over B sequences at once, compiled once per shape.

import { compile, type Tensor } from '@rnn/einsum';
import { RnnError } from '../errors.js';
import { EQUATIONS } from '../model/equations.js';
import { softmaxCrossEntropy } from '../model/loss.js';
import { type Params, rowMajor } from '../model/params.js';

/**
 * The fixed sizes a {@link Backprop} is compiled for: vocabulary K, hidden H, sequence length T, batch B, and
 * the optional truncation window of BPTT (omitted: none).
 *
 * @example
 * ```ts
 * const shape: BackpropShape = { vocabSize: 65, hiddenSize: 100, seqLength: 25, batchSize: 1 };
 * ```
 */
export interface BackpropShape {
  vocabSize: number;
  hiddenSize: number;
  seqLength: number;
  batchSize: number;
  truncate?: number;
}

/**
 * Forward and backward passes for one shape, with every buffer allocated once. See {@link createBackprop}.
 *
 * @example
 * ```ts
 * const backprop: Backprop = createBackprop({ vocabSize: 4, hiddenSize: 3, seqLength: 2, batchSize: 1 });
 * ```
 */
export interface Backprop {
  /**
   * Forward and backward over B sequences of T tokens from hidden state h0 [B·H] (carried across chunks).
   * inputs/targets: [B·T] token ids, row b = sequence b. Returns the mean cross-entropy per token (eq. 2 with
   * N = B·T); gradients of that loss go into grads (row-major, shapes of U, W, V) and the last hidden state into
   * hLast [B·H]. Returned buffers are owned by the Backprop and reused on the next call.
   */
  run(
    params: Params,
    inputs: Int32Array,
    targets: Int32Array,
    h0: Float64Array,
  ): { loss: number; grads: { dU: Float64Array; dW: Float64Array; dV: Float64Array }; hLast: Float64Array };
  /** One forward step for sampling: h ← tanh(U x + W h); writes softmax(V h / temperature) into probs [K]. */
  step(params: Params, token: number, h: Float64Array, probs: Float64Array, temperature: number): void;
}

// The batched forms of the per-step contractions of EQUATIONS (a batch index b added); the sequence-wide
// contractions are EQUATIONS' own strings, their row label t running over the T·B rows n = t·B + b.
const [, recurrenceOne] = EQUATIONS['1a'].bptt; // 'hj,j->h'
const [logitsAll] = EQUATIONS['1b'].bptt; // 'kh,th->tk'
const [gradientVAll] = EQUATIONS['13'].bptt; // 'tk,th->kh'
const [outputErrorAll, , gradientWAll] = EQUATIONS['21'].bptt; // 'tk,kh->th', 'th,tj->hj'
const RECURRENCE_BATCH = 'hj,bj->bh'; // (1a) W s_{t−1} for every sequence b
const BACKWARD_STEP_BATCH = 'bh,hj->bj'; // (21)/(24) Wᵀ δ_r for every sequence b

/** to[j·rows + i] = from[i·columns + j]: the transpose of a row-major rows×columns matrix. */
function transpose(from: Float64Array, to: Float64Array, rows: number, columns: number): void {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) to[j * rows + i] = from[i * columns + j] as number;
  }
}

/**
 * Compiles the training pass for one shape: (1a) and (1b) forward, then (13), (21), (24) in BPTT order, for B
 * sequences at once. The output layer, (13), the output errors and (21)'s dW are each one contraction over all
 * T·B rows; only the recurrence W s_{t−1} and Wᵀδ run per step (for all B sequences together). U x_t is a
 * gather and (24)'s dU a scatter (x_t is one-hot). No allocation per call after this.
 *
 * @example
 * ```ts
 * const params = initParams({ vocabSize: 4, hiddenSize: 3, seed: 0 });
 * const backprop = createBackprop({ vocabSize: 4, hiddenSize: 3, seqLength: 2, batchSize: 1 });
 * const { loss, grads } = backprop.run(params, Int32Array.of(0, 1), Int32Array.of(1, 2), new Float64Array(3));
 * loss; // 1.3198…, and grads.dW equals gradients(params, [0, 1], [1, 2]).dW.toFlat()
 * ```
 */
export function createBackprop(shape: BackpropShape): Backprop {
  const { vocabSize: K, hiddenSize: H, seqLength: T, batchSize: B, truncate } = shape;
  for (const [name, value] of [
    ['vocabSize', K],
    ['hiddenSize', H],
    ['seqLength', T],
    ['batchSize', B],
  ] as const) {
    if (!(Number.isSafeInteger(value) && value >= 1)) {
      throw new RnnError(
        'bad-argument',
        `createBackprop: ${name} must be a positive integer, got ${String(value)}`,
      );
    }
  }
  if (truncate !== undefined && !(Number.isSafeInteger(truncate) && truncate >= 0)) {
    throw new RnnError(
      'bad-argument',
      `createBackprop: truncate must be a non-negative integer, got ${String(truncate)}`,
    );
  }
  const window = truncate ?? Number.POSITIVE_INFINITY;
  const N = T * B;
  const BH = B * H;
  // operand shapes, named by their labels
  const [hh, bh, kh, nh, nk] = [
    [H, H],
    [B, H],
    [K, H],
    [N, H],
    [N, K],
  ];
  const recurrence = compile(RECURRENCE_BATCH, [hh, bh]);
  const backwardStep = compile(BACKWARD_STEP_BATCH, [bh, hh]);
  const logits = compile(logitsAll.subscripts, [kh, nh]);
  const gradientV = compile(gradientVAll.subscripts, [nk, nh]);
  const outputError = compile(outputErrorAll.subscripts, [nk, kh]);
  const gradientW = compile(gradientWAll.subscripts, [nh, nh]);
  const sampleRecurrence = compile(recurrenceOne.subscripts, [hh, [H]]);
  const sampleLogits = compile(logitsAll.subscripts, [kh, [1, H]]);

  // states rows: block 0 is h0 (s_{−1}), block t + 1 is s_t; each block is B rows of H.
  const states = new Float64Array((T + 1) * BH);
  const blocks = Array.from({ length: T + 1 }, (_, t) => states.subarray(t * BH, (t + 1) * BH));
  const s = states.subarray(BH); // s_0 … s_{T−1}, [N,H]
  const sPrev = states.subarray(0, N * H); // s_{−1} … s_{T−2}, [N,H]
  const mixed = new Float64Array(B * H); // W s_{t−1}
  const probabilities = new Float64Array(N * K); // q, then ŷ, then e = (ŷ − y)/N in place
  const g = new Float64Array(N * H); // Vᵀ e_t
  const arriving = new Float64Array(N * H); // Δ_r
  const arrivingBlocks = Array.from({ length: T }, (_, r) => arriving.subarray(r * BH, (r + 1) * BH));
  const carried = new Float64Array(B * H); // Wᵀ δ
  const delta = new Float64Array(BH);
  const dU = new Float64Array(H * K);
  const dW = new Float64Array(H * H);
  const dV = new Float64Array(K * H);
  // When the N·H gathered entries of U outnumber its K·H, the gather of U x_t and the scatter of (24) go through
  // U and dU transposed ([K,H]), where column x of U is a contiguous row: U's columns are K apart (one cache line
  // per element). Otherwise U and dU are used in place. Entry (h, token) sits at token·tokenStride + h·hiddenStride.
  const byToken = N >= K;
  const [tokenStride, hiddenStride] = byToken ? [H, 1] : [1, K];
  const uByToken = byToken ? new Float64Array(K * H) : new Float64Array(0);
  const dUByToken = byToken ? new Float64Array(K * H) : dU;
  const hLast = new Float64Array(BH);
  const inputsByRow = new Int32Array(N); // time-major: row n = t·B + b
  const targetsByRow = new Int32Array(N);
  const sampleMixed = new Float64Array(H);
  const sampleLogit = new Float64Array(K);
  const result = { loss: 0, grads: { dU, dW, dV }, hLast };

  let U: Float64Array = new Float64Array(0);
  let W = U;
  let V = U;
  /** Checks the parameter shapes and points U, W, V at their row-major data. */
  const useParameters = (params: Params, where: string): void => {
    const expect: readonly [string, Tensor, number, number][] = [
      ['U', params.U, H, K],
      ['W', params.W, H, H],
      ['V', params.V, K, H],
    ];
    for (const [name, t, rows, columns] of expect) {
      if (t.shape.length !== 2 || t.shape[0] !== rows || t.shape[1] !== columns) {
        throw new RnnError(
          'bad-shape',
          `${where}: ${name} has shape [${t.shape.join(', ')}] but this Backprop was made for [${rows}, ${columns}]`,
        );
      }
    }
    U = rowMajor(params.U);
    W = rowMajor(params.W);
    V = rowMajor(params.V);
  };

  const reorder = (ids: Int32Array, out: Int32Array, name: string): void => {
    if (!(ids instanceof Int32Array) || ids.length !== N) {
      throw new RnnError('bad-argument', `run: ${name} must be an Int32Array of B·T = ${N} token ids`);
    }
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        const id = ids[b * T + t] as number;
        if (id < 0 || id >= K) {
          throw new RnnError(
            'bad-argument',
            `run: ${name}[${b * T + t}] is ${id}, not a token id in [0, ${K})`,
          );
        }
        out[t * B + b] = id;
      }
    }
  };

  const run: Backprop['run'] = (params, inputs, targets, h0) => {
    useParameters(params, 'run');
    reorder(inputs, inputsByRow, 'inputs');
    reorder(targets, targetsByRow, 'targets');
    if (!(h0 instanceof Float64Array) || h0.length !== BH) {
      throw new RnnError('bad-argument', `run: h0 must be a Float64Array of B·H = ${BH} values`);
    }
    states.set(h0, 0);
    const uGather = byToken ? uByToken : U;
    if (byToken) transpose(U, uByToken, H, K);
    // (1a) s_t = tanh(U x_t + W s_{t−1}) for the B sequences together.
    for (let t = 0; t < T; t++) {
      recurrence.into(mixed, W, blocks[t] as Float64Array);
      const state = blocks[t + 1] as Float64Array;
      for (let b = 0; b < B; b++) {
        const u = (inputsByRow[t * B + b] as number) * tokenStride;
        const row = b * H;
        for (let h = 0; h < H; h++) {
          state[row + h] = Math.tanh((uGather[u + h * hiddenStride] as number) + (mixed[row + h] as number));
        }
      }
    }
    // (1b) and (2): q = V s over all rows, then softmax, cross-entropy, and e = (ŷ − y)/N in place.
    logits.into(probabilities, V, s);
    result.loss = softmaxCrossEntropy(probabilities, targetsByRow, N, K);
    // (13) dV = Σ e ⊗ s; (21)/(24) g = Vᵀe, Δ by BPTT, dW = Σ Δ ⊗ s_prev, dU = Σ Δ ⊗ x (a scatter).
    gradientV.into(dV, probabilities, s);
    outputError.into(g, probabilities, V);
    backward();
    gradientW.into(dW, arriving, sPrev);
    dUByToken.fill(0);
    for (let n = 0; n < N; n++) {
      const u = (inputsByRow[n] as number) * tokenStride;
      const row = n * H;
      for (let h = 0; h < H; h++) {
        const at = u + h * hiddenStride;
        dUByToken[at] = (dUByToken[at] as number) + (arriving[row + h] as number);
      }
    }
    if (byToken) transpose(dUByToken, dU, K, H);
    hLast.set(blocks[T] as Float64Array);
    return result;
  };

  /** Δ_r [N,H]: the errors arriving at z_r, summed over the t whose window covers r (see gradients-bptt). */
  const backward = (): void => {
    if (window >= T - 1) {
      carried.fill(0); // nothing arrives at z_{T−1} from later steps
      for (let r = T - 1; r >= 0; r--) {
        const base = r * BH;
        for (let i = 0; i < BH; i++) {
          const state = s[base + i] as number;
          const reaching = (g[base + i] as number) + (carried[i] as number);
          arriving[base + i] = reaching * (1 - state * state); // ⊙ (1 − s_r²)
        }
        if (r > 0) backwardStep.into(carried, arrivingBlocks[r] as Float64Array, W);
      }
      return;
    }
    arriving.fill(0);
    for (let t = 0; t < T; t++) {
      const last = Math.max(0, t - window);
      for (let r = t; r >= last; r--) {
        const base = r * BH;
        for (let i = 0; i < BH; i++) {
          const reaching = r === t ? (g[t * BH + i] as number) : (carried[i] as number);
          const state = s[base + i] as number;
          delta[i] = reaching * (1 - state * state);
          arriving[base + i] = (arriving[base + i] as number) + (delta[i] as number);
        }
        if (r > last) backwardStep.into(carried, delta, W);
      }
    }
  };

  const step: Backprop['step'] = (params, token, h, probs, temperature) => {
    useParameters(params, 'step');
    if (!(Number.isInteger(token) && token >= 0 && token < K)) {
      throw new RnnError('bad-argument', `step: token ${String(token)} is not an integer in [0, ${K})`);
    }
    if (h.length !== H || probs.length !== K) {
      throw new RnnError('bad-argument', `step: h must hold H = ${H} values and probs K = ${K}`);
    }
    if (!(temperature > 0 && Number.isFinite(temperature))) {
      throw new RnnError(
        'bad-argument',
        `step: temperature must be a positive number, got ${String(temperature)}`,
      );
    }
    sampleRecurrence.into(sampleMixed, W, h);
    for (let i = 0; i < H; i++) h[i] = Math.tanh((U[i * K + token] as number) + (sampleMixed[i] as number));
    sampleLogits.into(sampleLogit, V, h);
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < K; k++) max = Math.max(max, sampleLogit[k] as number);
    let sum = 0;
    for (let k = 0; k < K; k++) {
      probs[k] = Math.exp(((sampleLogit[k] as number) - max) / temperature);
      sum += probs[k] as number;
    }
    for (let k = 0; k < K; k++) probs[k] = (probs[k] as number) / sum;
  };

  return { run, step };
}
