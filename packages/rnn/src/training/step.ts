// createTrainingStep(): forward and BPTT over B streams, composed from EQUATIONS' batched contractions, resident.

import { type Arena, arena, compile, type FloatArray, type Tensor } from '@rnn/einsum';
import type { Precision } from '../checkpoint/checkpoint.js';
import { RnnError } from '../errors.js';
import { errorsArriving } from '../gradients/delta.js';
import { residentKernels } from '../kernels/elementwise.js';
import { EQUATIONS } from '../model/equations.js';
import { softmaxCrossEntropy } from '../model/loss.js';
import { checkParams } from '../model/params.js';
import { hiddenStates } from '../model/recurrence.js';
import { assignRowMajor } from './optimizers/optimizer.js';

/**
 * The fixed sizes a {@link TrainingStep} is made for: vocabulary K, hidden H, sequence length T, batch B, the
 * optional truncation window of BPTT (omitted: none) and the element type it computes in (default float64).
 *
 * @example
 * ```ts
 * const shape: TrainingStepShape = { vocabSize: 65, hiddenSize: 100, seqLength: 25, batchSize: 32 };
 * ```
 */
export interface TrainingStepShape {
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly seqLength: number;
  readonly batchSize: number;
  readonly truncate?: number;
  readonly precision?: Precision;
}

/**
 * The parameters, gradients or any triple of tensors shaped like U [H,K], W [H,H], V [K,H].
 *
 * @example
 * ```ts
 * const { U, W, V }: ModelTensors = step.params;
 * ```
 */
export interface ModelTensors<A extends FloatArray = FloatArray> {
  readonly U: Tensor<A>;
  readonly W: Tensor<A>;
  readonly V: Tensor<A>;
}

/**
 * One training step for one shape, every tensor resident in kernel memory for the life of the step: parameters,
 * gradients, hidden state and every intermediate. A run copies none of U, W, V; the contractions read them where
 * they lie and the optimizer updates them in place. U and dU are kept by token ([K,H] storage, so that U x_t is a
 * contiguous row): `params.U` and `gradients.dU` are [H,K] views of that storage.
 *
 * @example
 * ```ts
 * const step = createTrainingStep({ vocabSize: 4, hiddenSize: 3, seqLength: 2, batchSize: 1 });
 * step.load(initParams({ vocabSize: 4, hiddenSize: 3, seed: 0 }));
 * step.run(Int32Array.of(0, 1), Int32Array.of(1, 2)); // 1.3198…, and step.gradients.dW equals gradients(…).dW
 * ```
 */
export interface TrainingStep<A extends FloatArray = FloatArray> {
  readonly shape: Required<Omit<TrainingStepShape, 'truncate'>> & { readonly truncate: number | undefined };
  /** The parameters U [H,K], W [H,H], V [K,H] (resident; change them through `load` or an optimizer). */
  readonly params: ModelTensors<A>;
  /** ∂L/∂U, ∂L/∂W, ∂L/∂V of the latest run, in the parameters' shapes and layouts. */
  readonly gradients: { readonly dU: Tensor<A>; readonly dW: Tensor<A>; readonly dV: Tensor<A> };
  /** The hidden state the next run starts from, B rows of H (row b: stream b). */
  readonly hidden: Tensor<A>;
  /** The last hidden state of the latest run, B rows of H. */
  readonly last: Tensor<A>;
  /**
   * Forward and BPTT over B sequences of T tokens from `hidden`: inputs and targets hold B·T token ids, row b
   * = stream b. Returns the mean cross-entropy per token (eq. 2 with N = B·T), writes the gradients of that
   * mean, and leaves the last hidden state in `last`.
   */
  run(inputs: Int32Array, targets: Int32Array): number;
  /** Makes `last` the next run's `hidden`: the state carried into the next chunk of each stream. */
  carry(): void;
  /** Copies parameters in (any tensors of the right shapes, row-major or not); the step's own stay where they are. */
  load(params: ModelTensors): void;
  /** Gives the step's kernel memory back; the step and its tensors are unusable afterwards. */
  release(): void;
}

/** Checks a size of the shape. */
function positive(name: string, value: number): number {
  if (!(Number.isSafeInteger(value) && value >= 1)) {
    throw new RnnError(
      'bad-argument',
      `createTrainingStep: ${name} must be a positive integer, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Compiles the training step for one shape: (1a) and (1b) forward, then (13), (21), (24) in BPTT order, for B
 * streams at once, every contraction one of EQUATIONS' `batched` forms. The output layer, (13), the output errors
 * and (21)'s dW are each one product over all N = T·B rows; the recurrence W s_{t−1} and Wᵀδ are one [B,H]×[H,H]
 * product per step. U x_t is a gather and (24)'s dU a scatter (x is one-hot), as the table declares. The δ
 * recurrence, softmax with cross-entropy and the forward recurrence are the functions `gradients()` calls, run
 * by the WebAssembly SIMD kernels over resident memory. No allocation, and no copy of U, W or V, per run.
 *
 * @example
 * ```ts
 * const step = createTrainingStep({ vocabSize: 65, hiddenSize: 256, seqLength: 25, batchSize: 32, precision: 'float32' });
 * step.load(initParams({ vocabSize: 65, hiddenSize: 256, seed: 1 }));
 * const loss = step.run(inputs, targets); // 4.17…; step.gradients now hold ∂L/∂θ
 * ```
 */
export function createTrainingStep(shape: TrainingStepShape): TrainingStep {
  const K = positive('vocabSize', shape.vocabSize);
  const H = positive('hiddenSize', shape.hiddenSize);
  const T = positive('seqLength', shape.seqLength);
  const B = positive('batchSize', shape.batchSize);
  const { truncate, precision = 'float64' } = shape;
  if (truncate !== undefined && !(Number.isSafeInteger(truncate) && truncate >= 0)) {
    throw new RnnError(
      'bad-argument',
      `createTrainingStep: truncate must be a non-negative integer, got ${String(truncate)}`,
    );
  }
  if (precision !== 'float64' && precision !== 'float32') {
    throw new RnnError(
      'bad-argument',
      `createTrainingStep: precision must be 'float64' or 'float32', got ${String(precision)}`,
    );
  }
  const N = T * B;
  const BH = B * H;
  const kernels = residentKernels(precision);
  // EQUATIONS' batched forms, compiled for these sizes (their reserved staging keeps every run from growing memory)
  const [, recurrenceOf] = EQUATIONS['1a'].batched;
  const [logitsOf] = EQUATIONS['1b'].batched;
  const [gradientVOf] = EQUATIONS['13'].batched;
  const [outputErrorOf, backwardStepOf, gradientWOf] = EQUATIONS['21'].batched;
  const recurrence = compile(recurrenceOf.subscripts, [
    [H, H],
    [B, H],
  ]);
  const backwardStep = compile(backwardStepOf.subscripts, [
    [B, H],
    [H, H],
  ]);
  const logits = compile(logitsOf.subscripts, [
    [K, H],
    [N, H],
  ]);
  const gradientV = compile(gradientVOf.subscripts, [
    [N, K],
    [N, H],
  ]);
  const outputError = compile(outputErrorOf.subscripts, [
    [N, K],
    [K, H],
  ]);
  const gradientW = compile(gradientWOf.subscripts, [
    [N, H],
    [N, H],
  ]);

  const bytes = precision === 'float32' ? 4 : 8;
  const elements = 2 * (2 * K * H + H * H) + (T + 1) * BH + N * K + 2 * N * H + 2 * BH + 3 * N;
  const memory: Arena = arena({ reserve: elements * bytes + 2 * N * 4 + 32 * 16, name: 'training step' });
  const zeros = (dims: readonly number[], name: string) => memory.zeros(dims, { dtype: precision, name });
  const UByToken = zeros([K, H], 'U by token');
  const W = zeros([H, H], 'W');
  const V = zeros([K, H], 'V');
  const dUByToken = zeros([K, H], 'dU by token');
  const dW = zeros([H, H], 'dW');
  const dV = zeros([K, H], 'dV');
  const states = zeros([T + 1, B, H], 'states'); // block 0: s_{−1} (the carried state); block t + 1: s_t
  const q = zeros([N, K], 'q, then e');
  const g = zeros([N, H], 'g = Vᵀe');
  const arriving = zeros([N, H], 'Δ');
  const carried = zeros([B, H], 'Wᵀδ');
  const delta = zeros([B, H], 'δ');
  const stats = zeros([3 * N], 'softmax rows');
  const tokenSpace = memory.zeros([2 * Math.ceil(N / 2)], { name: 'token ids' }); // 2·N int32 in N float64
  const params = { U: UByToken.transpose(), W, V };
  const gradients = { dU: dUByToken.transpose(), dW, dV };
  const hidden = states.view([B, H], undefined, 0);
  const last = states.view([B, H], undefined, T * BH);

  /** Typed-array views of the resident tensors; made again when the kernel memory grew (growth detaches them). */
  const viewsOf = () => {
    const blocksOf = (data: FloatArray, count: number) =>
      Array.from({ length: count }, (_, t) => data.subarray(t * BH, (t + 1) * BH));
    const all = states.data;
    const ids = new Int32Array(tokenSpace.data.buffer, tokenSpace.byteOffset, 2 * N);
    const inputs = ids.subarray(0, N);
    return {
      buffer: all.buffer,
      blocks: blocksOf(all, T + 1),
      sBlocks: blocksOf(all.subarray(BH), T),
      s: all.subarray(BH),
      sPrev: all.subarray(0, N * H),
      inputs,
      targets: ids.subarray(N, 2 * N),
      inputsByStep: Array.from({ length: T }, (_, t) => inputs.subarray(t * B, (t + 1) * B)),
      gBlocks: blocksOf(g.data, T),
      arrivingBlocks: blocksOf(arriving.data, T),
    };
  };
  let views = viewsOf();

  /** ids[b·T + t] (stream-major, as given) → out[t·B + b] (time-major rows), each checked. */
  const reorder = (ids: Int32Array, out: Int32Array, name: string): void => {
    if (!(ids instanceof Int32Array) || ids.length !== N) {
      throw new RnnError('bad-argument', `run: ${name} must be an Int32Array of B·T = ${N} token ids`);
    }
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        const id = ids[b * T + t] as number;
        if (!(id >= 0 && id < K)) {
          throw new RnnError(
            'bad-argument',
            `run: ${name}[${b * T + t}] is ${id}, not a token id in [0, ${K})`,
          );
        }
        out[t * B + b] = id;
      }
    }
  };

  const run = (inputs: Int32Array, targets: Int32Array): number => {
    if (views.buffer !== memory.memory.buffer) views = viewsOf();
    const { blocks, s, sPrev, gBlocks, arrivingBlocks } = views;
    reorder(inputs, views.inputs, 'inputs');
    reorder(targets, views.targets, 'targets');
    const [Wd, Vd, Ud] = [W.data, V.data, UByToken.data];
    // (1a) s_t = tanh(U x_t + W s_{t−1}) for the B streams together: U x_t gathered from U by token.
    hiddenStates(kernels, {
      blocks,
      table: Ud,
      tokens: views.inputsByStep,
      rows: B,
      width: H,
      mix: (into, previous) => recurrence.into(into, Wd, previous),
    });
    // (1b), (2), (11): q = V s over all rows, then softmax with cross-entropy: e = (ŷ − y)/N in place.
    logits.into(q, Vd, s);
    const loss = softmaxCrossEntropy(kernels, q.data, views.targets, N, K, stats.data);
    // (13) dV = Σ e ⊗ s; (21)/(24) g = Vᵀe, Δ by the δ recurrence, dW = Σ Δ ⊗ s_prev, dU = Σ Δ ⊗ x (a scatter).
    gradientV.into(dV, q, s);
    outputError.into(g, q, Vd);
    errorsArriving(kernels, {
      g: gBlocks,
      s: views.sBlocks,
      arriving: arrivingBlocks,
      carried: carried.data,
      delta: delta.data,
      carry: (into, from) => backwardStep.into(into, from, Wd),
      window: truncate ?? Number.POSITIVE_INFINITY,
    });
    gradientW.into(dW, arriving, sPrev);
    const dU = dUByToken.data;
    dU.fill(0);
    kernels.scatterAdd(dU, arriving.data, views.inputs, N, H);
    return loss;
  };

  return {
    shape: { vocabSize: K, hiddenSize: H, seqLength: T, batchSize: B, truncate, precision },
    params,
    gradients,
    hidden,
    last,
    run,
    carry() {
      const all = states.data;
      all.copyWithin(0, T * BH, (T + 1) * BH);
    },
    load(values) {
      checkParams(values, 'load', { vocabSize: K, hiddenSize: H });
      assignRowMajor(params.U, values.U.toFlat());
      assignRowMajor(W, values.W.toFlat());
      assignRowMajor(V, values.V.toFlat());
    },
    release: () => memory.release(),
  };
}
