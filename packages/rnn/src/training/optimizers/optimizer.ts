// The optimizer contract (state, settings, the update over bound tensors) and createOptimizer, which picks one.

import type { FloatArray, Tensor } from '@rnn/einsum';
import { RnnError } from '../../errors.js';
import { createAdagrad } from './adagrad.js';
import { createSgd } from './sgd.js';

/**
 * The optimizers `train()` offers.
 *
 * @example
 * ```ts
 * train({ text, optimizer: 'sgd' satisfies OptimizerName });
 * ```
 */
export type OptimizerName = 'adagrad' | 'sgd';

/**
 * Everything an optimizer needs to continue exactly where it stopped (stored in checkpoints).
 *
 * @example
 * ```ts
 * createTrainer({ text, steps: 10 }).checkpoint().optimizer.memory.length; // 3 for Adagrad (U, W, V)
 * ```
 */
export interface OptimizerState {
  readonly name: OptimizerName;
  /** The current learning rate (SGD halves it when the evaluated loss rises). */
  readonly learningRate: number;
  /** Adagrad: the running sum of squared clipped gradients, one row-major array per parameter; SGD: empty. */
  readonly memory: readonly Float64Array[];
  /** SGD: the mean loss of the previous evaluation window, or null before the first one. */
  readonly previousEvaluation: number | null;
  /** SGD: the sum of the losses and the number of steps seen in the current evaluation window. */
  readonly windowLoss: number;
  readonly windowSteps: number;
}

/**
 * Settings of an optimizer; `evaluateEvery` and `halveOnRise` concern SGD only.
 *
 * @example
 * ```ts
 * const options: OptimizerOptions = { learningRate: 0.1, clip: 5, evaluateEvery: 100, halveOnRise: true };
 * ```
 */
export interface OptimizerOptions {
  readonly learningRate: number;
  /** Each gradient entry is clipped to [−clip, clip] before the update (min-char-rnn: 5). */
  readonly clip: number;
  /** SGD: steps per evaluation window (the tutorial evaluates the loss every few epochs). */
  readonly evaluateEvery: number;
  /** SGD: halve the learning rate when a window's mean loss exceeds the previous window's. */
  readonly halveOnRise: boolean;
}

/**
 * A parameter and the tensor its gradient arrives in: same shape, same strides, same element type. When both are
 * resident tensors (the training step's), the optimizer keeps its memory beside them and updates them in place.
 *
 * @example
 * ```ts
 * const slot: OptimizerSlot = { parameter: step.params.W, gradient: step.gradients.dW };
 * ```
 */
export interface OptimizerSlot<A extends FloatArray = FloatArray> {
  readonly parameter: Tensor<A>;
  readonly gradient: Tensor<A>;
}

/**
 * An optimizer bound to its parameters and gradients (see {@link createOptimizer}).
 *
 * @example
 * ```ts
 * const { gradNorm, clipped } = optimizer.inspect();
 * optimizer.update(); // the parameters move in place
 * ```
 */
export interface Optimizer {
  readonly name: OptimizerName;
  /** The learning rate the next update uses. */
  readonly learningRate: number;
  /** The Euclidean norm of the current gradients and whether clipping will change an entry. */
  inspect(): { gradNorm: number; clipped: boolean };
  /** Updates every parameter in place from its gradient tensor. */
  update(): void;
  /** Reports the loss of the step just taken (SGD's halving rule reads it). */
  observeLoss(loss: number): void;
  /** A copy of the state, for checkpoints (memory row-major in each parameter's shape). */
  state(): OptimizerState;
}

/**
 * Creates an optimizer for the given slots, fresh or continuing from a saved state.
 * Adagrad: g ← clip(g); memory += g²; θ −= lr · g / √(memory + 1e−8), in WebAssembly SIMD on resident tensors.
 * SGD: θ −= lr · clip(g), and when `halveOnRise` is set, after every `evaluateEvery` steps the window's mean loss
 * is compared with the previous window's and the rate halves if it rose.
 *
 * @example
 * ```ts
 * const theta = tensor([1, 1]);
 * const g = tensor([2, -9]);
 * const adagrad = createOptimizer('adagrad', [{ parameter: theta, gradient: g }],
 *   { learningRate: 0.1, clip: 5, evaluateEvery: 100, halveOnRise: false });
 * adagrad.update();
 * theta.data; // ≈ Float64Array [0.9, 1.1]: g / √(g² + 1e−8) ≈ ±1 after clipping −9 to −5
 * ```
 */
export function createOptimizer(
  name: OptimizerName,
  slots: readonly OptimizerSlot[],
  options: OptimizerOptions,
  resume?: OptimizerState,
): Optimizer {
  if (name !== 'adagrad' && name !== 'sgd') {
    throw new RnnError('bad-argument', `optimizer must be 'adagrad' or 'sgd', got ${JSON.stringify(name)}`);
  }
  if (!(options.learningRate > 0 && Number.isFinite(options.learningRate))) {
    throw new RnnError(
      'bad-argument',
      `learningRate must be a positive finite number, got ${options.learningRate}`,
    );
  }
  if (!(options.clip > 0)) throw new RnnError('bad-argument', `clip must be positive, got ${options.clip}`);
  if (!(Number.isInteger(options.evaluateEvery) && options.evaluateEvery >= 1)) {
    throw new RnnError('bad-argument', `evaluateEvery must be an integer ≥ 1, got ${options.evaluateEvery}`);
  }
  for (const [i, { parameter, gradient }] of slots.entries()) storageOf(parameter, gradient, `slot ${i}`);
  return name === 'adagrad' ? createAdagrad(slots, options, resume) : createSgd(slots, options, resume);
}

/**
 * The Euclidean norm of all gradient entries together, and whether any entry exceeds ±clip (so clipping will
 * change it). Read-only: the optimizer clips as it updates.
 *
 * @example
 * ```ts
 * gradientStatistics([new Float64Array([3]), new Float64Array([-4])], 5); // { gradNorm: 5, clipped: false }
 * ```
 */
export function gradientStatistics(
  gradients: readonly FloatArray[],
  clip: number,
): { gradNorm: number; clipped: boolean } {
  let sum = 0;
  for (const g of gradients) {
    for (let i = 0; i < g.length; i++) sum += (g[i] as number) * (g[i] as number);
  }
  // No entry can exceed the clip when the whole norm does not: the search runs only on large gradients.
  return {
    gradNorm: Math.sqrt(sum),
    clipped: sum > clip * clip && gradients.some((g) => g.some((x) => Math.abs(x) > clip)),
  };
}

/**
 * The storage a tensor's elements fill, as one array: its `size` elements occupy `size` consecutive places from
 * its offset in some order (row-major, or a permutation of the axes such as a transposed matrix). Elementwise
 * updates run over it; `partner`, when given, must have the same layout (internal).
 */
export function storageOf<A extends FloatArray>(t: Tensor<A>, partner?: Tensor<A>, where = 'tensor'): A {
  const order = t.shape.map((size, axis) => ({ size, stride: t.strides[axis] as number }));
  order.sort((a, b) => a.stride - b.stride);
  let expected = 1;
  for (const { size, stride } of order) {
    if (size > 1 && stride !== expected) {
      throw new RnnError('bad-shape', `${where}: the tensor's elements are not one dense block`);
    }
    expected *= size;
  }
  if (
    partner !== undefined &&
    (partner.dtype !== t.dtype ||
      partner.shape.join() !== t.shape.join() ||
      partner.strides.join() !== t.strides.join())
  ) {
    throw new RnnError(
      'bad-shape',
      `${where}: the gradient [${partner.shape.join(', ')}] (${partner.dtype}) does not match its parameter ` +
        `[${t.shape.join(', ')}] (${t.dtype}) in shape, layout and element type`,
    );
  }
  return t.data.subarray(t.offset, t.offset + t.size) as A;
}

/** Writes row-major `values` into the elements of `t` (any strides, rank ≤ 2) (internal). */
export function assignRowMajor(t: Tensor<FloatArray>, values: ArrayLike<number>): void {
  const [rows = 1, columns = 1] = t.shape.length === 1 ? [1, t.shape[0]] : t.shape;
  const [rowStride = 0, columnStride = 1] = t.shape.length === 1 ? [0, t.strides[0]] : t.strides;
  const data = t.data;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      data[t.offset + i * rowStride + j * columnStride] = values[i * columns + j] as number;
    }
  }
}
