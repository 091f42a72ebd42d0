// Optimizers that update parameter storage in place: Adagrad (min-char-rnn's recipe) and SGD (WildML's, with halving).

import { RnnError } from '../errors.js';
import { type AdagradKernel, createAdagradKernel } from './adagrad-wasm.js';

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
 *
 * @example
 * ```ts
 * const sgd: Optimizer = createOptimizer('sgd', [2], { learningRate: 0.5, clip: 5, evaluateEvery: 100, halveOnRise: true });
 * sgd.learningRate; // 0.5
 * ```
 */
export interface OptimizerState {
  readonly name: OptimizerName;
  /** The current learning rate (SGD halves it when the evaluated loss rises). */
  readonly learningRate: number;
  /** Adagrad: the running sum of squared clipped gradients, one array per parameter; SGD: empty. */
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

/** An optimizer bound to the sizes of a list of parameter arrays. */
export interface Optimizer {
  readonly name: OptimizerName;
  /** The learning rate the next update uses. */
  readonly learningRate: number;
  /**
   * Where this optimizer keeps the parameters when it has its own storage (Adagrad: WebAssembly memory), one
   * view per parameter: a model whose tensors are built on these views is updated without copies.
   */
  readonly storage: readonly Float64Array[] | undefined;
  /** Updates every `parameters[i]` in place from `gradients[i]` (same lengths). */
  update(parameters: readonly Float64Array[], gradients: readonly Float64Array[]): void;
  /**
   * The Euclidean norm of the coming update's gradients and whether clipping will change an entry. Adagrad's
   * kernel keeps them, so that the update that follows need not copy them again.
   */
  inspect(gradients: readonly Float64Array[]): { gradNorm: number; clipped: boolean };
  /** Reports the loss of the step just taken (SGD's halving rule reads it). */
  observeLoss(loss: number): void;
  /** A copy of the state, for checkpoints. */
  state(): OptimizerState;
}

/** Added under Adagrad's square root so that a zero memory never divides by zero (min-char-rnn: 1e-8). */
const ADAGRAD_EPSILON = 1e-8;

/** Runs the kernel's update on its loaded gradients, copying parameters that live elsewhere in and back out. */
function updateInKernel(
  kernel: AdagradKernel,
  parameters: readonly Float64Array[],
  learningRate: number,
  clip: number,
): void {
  const foreign = parameters.map((theta, i) => theta !== kernel.parameters[i]);
  parameters.forEach((theta, i) => {
    if (foreign[i]) kernel.parameters[i]?.set(theta);
  });
  kernel.update(learningRate, clip);
  parameters.forEach((theta, i) => {
    if (foreign[i]) theta.set(kernel.parameters[i] ?? []);
  });
}

/** θ −= lr · clip(g), entry by entry (a plain loop: this runs over every parameter on every step). */
function sgdUpdate(theta: Float64Array, g: Float64Array, learningRate: number, clip: number): void {
  for (let i = 0; i < theta.length; i++) {
    const gi = Math.min(Math.max(g[i] as number, -clip), clip);
    theta[i] = (theta[i] as number) - learningRate * gi;
  }
}

/** g ← clip(g); m += g²; θ −= lr · g / √(m + ε), entry by entry (where WebAssembly SIMD is missing). */
export function adagradUpdate(
  theta: Float64Array,
  g: Float64Array,
  m: Float64Array,
  learningRate: number,
  clip: number,
): void {
  for (let i = 0; i < theta.length; i++) {
    const gi = Math.min(Math.max(g[i] as number, -clip), clip); // branch-free: twice as fast as if/else here
    const mi = (m[i] as number) + gi * gi;
    m[i] = mi;
    theta[i] = (theta[i] as number) - (learningRate * gi) / Math.sqrt(mi + ADAGRAD_EPSILON);
  }
}

/**
 * Creates an optimizer for parameters of the given lengths, fresh or continuing from a saved state.
 * Adagrad: g ← clip(g); memory += g²; θ −= lr · g / √(memory + 1e−8). SGD: θ −= lr · clip(g), and when
 * `halveOnRise` is set, after every `evaluateEvery` steps the window's mean loss is compared with the previous
 * window's and the rate halves if it rose.
 *
 * @example
 * ```ts
 * const theta = [new Float64Array([1, 1])];
 * const adagrad = createOptimizer('adagrad', [2], { learningRate: 0.1, clip: 5, evaluateEvery: 100, halveOnRise: false });
 * adagrad.update(theta, [new Float64Array([2, -9])]);
 * theta[0]; // ≈ Float64Array [0.9, 1.1]: g / √(g² + 1e−8) ≈ ±1 after clipping −9 to −5
 * ```
 */
export function createOptimizer(
  name: OptimizerName,
  lengths: readonly number[],
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
  // Adagrad runs in WebAssembly SIMD where available (same results as adagradUpdate, bit for bit).
  const kernel = name === 'adagrad' ? createAdagradKernel(lengths) : undefined;
  const memory = kernel?.memory ?? (name === 'adagrad' ? lengths.map((n) => new Float64Array(n)) : []);
  if (resume !== undefined) {
    for (const [i, m] of memory.entries()) m.set(resume.memory[i] ?? []);
  }
  let learningRate = resume?.learningRate ?? options.learningRate;
  let previousEvaluation = resume?.previousEvaluation ?? null;
  let windowLoss = resume?.windowLoss ?? 0;
  let windowSteps = resume?.windowSteps ?? 0;
  const { clip } = options;
  /** True between inspect() and update(): the kernel already holds the gradients. */
  let staged = false;

  return {
    name,
    storage: kernel?.parameters,
    get learningRate() {
      return learningRate;
    },
    inspect(gradients) {
      if (kernel === undefined) return gradientStatistics(gradients, clip);
      kernel.load(gradients);
      staged = true;
      const { sumOfSquares, largest } = kernel.statistics();
      return { gradNorm: Math.sqrt(sumOfSquares), clipped: largest > clip };
    },
    update(parameters, gradients) {
      if (kernel !== undefined) {
        if (!staged) kernel.load(gradients);
        staged = false;
        updateInKernel(kernel, parameters, learningRate, clip);
        return;
      }
      for (let p = 0; p < parameters.length; p++) {
        const theta = parameters[p] as Float64Array;
        const g = gradients[p] as Float64Array;
        const m = memory[p];
        if (m === undefined) sgdUpdate(theta, g, learningRate, clip);
        else adagradUpdate(theta, g, m, learningRate, clip);
      }
    },
    observeLoss(loss) {
      if (name !== 'sgd' || !options.halveOnRise) return;
      windowLoss += loss;
      windowSteps += 1;
      if (windowSteps < options.evaluateEvery) return;
      const mean = windowLoss / windowSteps;
      if (previousEvaluation !== null && mean > previousEvaluation) learningRate /= 2;
      previousEvaluation = mean;
      windowLoss = 0;
      windowSteps = 0;
    },
    state() {
      return {
        name,
        learningRate,
        memory: memory.map((m) => m.slice()),
        previousEvaluation,
        windowLoss,
        windowSteps,
      };
    },
  };
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
  gradients: readonly Float64Array[],
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
