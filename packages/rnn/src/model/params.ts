// Parameters U [H,K], W [H,H], V [K,H]: the tutorial's initialisation, and the checks every consumer runs.

import { type FloatArray, type Tensor, tensor } from '@rnn/einsum';
import { RnnError } from '../errors.js';
import { Random } from '../random.js';

/**
 * The parameters of the RNN (no biases): s_t = tanh(U x_t + W s_{t−1}), ŷ_t = softmax(V s_t).
 * U is [H, K], W is [H, H], V is [K, H] for vocabulary size K and hidden size H.
 *
 * @example
 * ```ts
 * const { U, W, V } = initParams({ vocabSize: 5, hiddenSize: 3, seed: 1 });
 * [U.shape, W.shape, V.shape]; // [[3, 5], [3, 3], [5, 3]]
 * ```
 */
export interface Params {
  readonly U: Tensor;
  readonly W: Tensor;
  readonly V: Tensor;
}

/**
 * Fresh parameters, initialised as in the tutorial: every entry of a matrix is drawn uniformly from
 * ±1/√(fan-in), the number of inputs of the unit it feeds: U in ±1/√K, W in ±1/√H, V in ±1/√H.
 * The draws come from {@link Random} seeded with `seed`, in the order U, W, V, each row-major.
 *
 * @example
 * ```ts
 * const params = initParams({ vocabSize: 65, hiddenSize: 100, seed: 42 });
 * Math.max(...params.U.toFlat().map(Math.abs)) < 1 / Math.sqrt(65); // true
 * ```
 */
export function initParams(options: { vocabSize: number; hiddenSize: number; seed: number }): Params {
  const { vocabSize, hiddenSize, seed } = options;
  checkSize('vocabSize', vocabSize);
  checkSize('hiddenSize', hiddenSize);
  const random = new Random(seed);
  const uniformMatrix = (rows: number, columns: number, fanIn: number): Tensor => {
    const bound = 1 / Math.sqrt(fanIn);
    const data = new Float64Array(rows * columns);
    for (let i = 0; i < data.length; i++) data[i] = random.uniform(-bound, bound);
    return tensor(data, [rows, columns]);
  };
  const U = uniformMatrix(hiddenSize, vocabSize, vocabSize);
  const W = uniformMatrix(hiddenSize, hiddenSize, hiddenSize);
  const V = uniformMatrix(vocabSize, hiddenSize, hiddenSize);
  return { U, W, V };
}

/** The sizes of a parameter set and its matrices as row-major Float64Arrays (internal). */
export interface ParamData {
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly U: Float64Array;
  readonly W: Float64Array;
  readonly V: Float64Array;
}

/**
 * The parameter checks of the package, in one place: U, W, V must have consistent shapes [H,K], [H,H], [K,H]
 * (and, when `expected` is given, exactly its K and H). Returns K and H; `where` names the caller in the error.
 */
export function checkParams(
  params: { readonly U: Tensor<FloatArray>; readonly W: Tensor<FloatArray>; readonly V: Tensor<FloatArray> },
  where: string,
  expected?: { readonly vocabSize: number; readonly hiddenSize: number },
): { vocabSize: number; hiddenSize: number } {
  const { U, W, V } = params;
  const [hiddenSize = 0, vocabSize = 0] = U.shape;
  const shape = (t: Tensor<FloatArray>) => `[${t.shape.join(', ')}]`;
  if (U.shape.length !== 2 || hiddenSize < 1 || vocabSize < 1) {
    throw new RnnError('bad-shape', `${where}: U must be a non-empty [H, K] matrix, got ${shape(U)}`);
  }
  if (expected !== undefined && (expected.hiddenSize !== hiddenSize || expected.vocabSize !== vocabSize)) {
    throw new RnnError(
      'bad-shape',
      `${where}: U has shape ${shape(U)} but this model was made for [${expected.hiddenSize}, ${expected.vocabSize}]`,
    );
  }
  const expect = (name: string, t: Tensor<FloatArray>, rows: number, columns: number): void => {
    if (t.shape.length !== 2 || t.shape[0] !== rows || t.shape[1] !== columns) {
      throw new RnnError(
        'bad-shape',
        `${where}: ${name} has shape ${shape(t)} but U is ${shape(U)}, so ${name} must be [${rows}, ${columns}] ` +
          '(U [H,K], W [H,H], V [K,H])',
      );
    }
  };
  expect('W', W, hiddenSize, hiddenSize);
  expect('V', V, vocabSize, hiddenSize);
  return { vocabSize, hiddenSize };
}

/**
 * {@link checkParams}, then K, H and the parameters' row-major float64 data (the tensors' own storage when
 * contiguous, so no copy). `where` names the caller in the error (internal).
 */
export function paramData(params: Params, where: string): ParamData {
  const { vocabSize, hiddenSize } = checkParams(params, where);
  return { vocabSize, hiddenSize, U: rowMajor(params.U), W: rowMajor(params.W), V: rowMajor(params.V) };
}

/** The row-major data of a tensor: its storage when that is exactly the tensor, otherwise a copy (internal). */
export function rowMajor(t: Tensor): Float64Array {
  return t.isContiguous() && t.offset === 0 && t.data.length === t.size ? t.data : t.toFlat();
}

function checkSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RnnError(
      'bad-argument',
      `initParams: ${name} must be a positive integer, got ${String(value)}`,
    );
  }
}
