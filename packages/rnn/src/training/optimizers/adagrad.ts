// Adagrad (min-char-rnn's recipe): the update in WebAssembly SIMD on resident tensors, or as loops elsewhere.

import { arena, backend, type FloatArray, Tensor } from '@rnn/einsum';
import { instantiate } from '../../kernels/instantiate.js';
import { wasmBase64 as adagradF32 } from './generated/adagrad-f32-wasm.js';
import { wasmBase64 as adagradF64 } from './generated/adagrad-f64-wasm.js';
import type { Optimizer, OptimizerOptions, OptimizerSlot, OptimizerState } from './optimizer.js';
import { assignRowMajor, gradientStatistics, storageOf } from './optimizer.js';

/** Added under Adagrad's square root so that a zero memory never divides by zero (min-char-rnn: 1e-8). */
const ADAGRAD_EPSILON = 1e-8;

/**
 * g ← clip(g); m += g²; θ −= lr · g / √(m + ε), entry by entry, in float64: the reference of the SIMD kernel,
 * which does the same operations in the same order (internal).
 */
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

/** The same update in float32 arithmetic: every operation rounded to float32, as the f32 kernel computes. */
export function adagradUpdate32(
  theta: Float32Array,
  g: Float32Array,
  m: Float32Array,
  learningRate: number,
  clip: number,
): void {
  const f = Math.fround;
  const [lr, limit, epsilon] = [f(learningRate), f(clip), f(ADAGRAD_EPSILON)];
  for (let i = 0; i < theta.length; i++) {
    const gi = Math.min(Math.max(g[i] as number, -limit), limit);
    const mi = f((m[i] as number) + f(gi * gi));
    m[i] = mi;
    theta[i] = (theta[i] as number) - f(f(lr * gi) / f(Math.sqrt(f(mi + epsilon))));
  }
}

/** The exports of adagrad.wat (pointers in bytes, n in elements). */
interface AdagradExports {
  adagrad(theta: number, g: number, m: number, n: number, lr: number, clip: number): void;
  statistics(g: number, n: number, out: number): void;
}

/** The kernels' memory, where resident tensors live. */
const scratch = arena({ name: 'adagrad statistics' });
const kernelMemory = scratch.memory;
/** Σ g² and max |g| of the latest statistics() call (two f64). */
const statisticsOut = scratch.zeros([2]);
const simd =
  backend() === 'wasm-simd'
    ? {
        float64: instantiate<AdagradExports>(adagradF64, kernelMemory),
        float32: instantiate<AdagradExports>(adagradF32, kernelMemory),
      }
    : undefined;

/** Adagrad over the slots' storage: the kernel when every array is resident, the loops otherwise. */
interface Storage {
  readonly theta: FloatArray;
  readonly g: FloatArray;
  readonly m: FloatArray;
}

/**
 * Adagrad over `slots` (see createOptimizer). Its memory has each parameter's shape and layout and lives beside
 * the parameter: in kernel memory (an arena of its own) when the parameter is a resident tensor, so that the
 * update runs in WebAssembly SIMD where the three tensors lie (internal).
 */
export function createAdagrad(
  slots: readonly OptimizerSlot[],
  options: OptimizerOptions,
  resume?: OptimizerState,
): Optimizer {
  const resident = slots.every(
    ({ parameter, gradient }) => parameter.byteOffset !== undefined && gradient.byteOffset !== undefined,
  );
  const owned = resident
    ? arena({ reserve: slots.reduce((n, { parameter }) => n + bytesOf(parameter) + 16, 0), name: 'adagrad' })
    : undefined;
  const memory = slots.map(({ parameter }) => {
    const { dtype, size, shape, strides } = parameter;
    const storage = owned
      ? owned.zeros([size], { dtype, name: 'memory' })
      : new Tensor(allocate(dtype, size), [size]);
    return storage.view(shape, strides, 0);
  });
  if (resume !== undefined) {
    for (const [i, m] of memory.entries()) assignRowMajor(m, resume.memory[i] ?? []);
  }
  const learningRate = resume?.learningRate ?? options.learningRate;
  const { clip } = options;
  // The loops read the storage through views, made again per call (kernel memory may have grown since); the kernel
  // needs only the tensors' addresses, which never move.
  const storages = (): Storage[] =>
    slots.map(({ parameter, gradient }, i) => ({
      theta: storageOf(parameter),
      g: storageOf(gradient),
      m: storageOf(memory[i] as Tensor<FloatArray>),
    }));
  const kernel = resident ? simd?.[slots[0]?.parameter.dtype ?? 'float64'] : undefined;
  const addresses = slots.map(({ parameter, gradient }, i) => ({
    theta: parameter.byteOffset as number,
    g: gradient.byteOffset as number,
    m: (memory[i] as Tensor<FloatArray>).byteOffset as number,
    n: parameter.size,
  }));
  const statisticsAt = statisticsOut.byteOffset;
  return {
    name: 'adagrad',
    get learningRate() {
      return learningRate;
    },
    inspect() {
      if (kernel === undefined) {
        return gradientStatistics(
          storages().map(({ g }) => g),
          clip,
        );
      }
      let sum = 0;
      let largest = 0;
      const out = statisticsOut.data;
      for (const { g, n } of addresses) {
        kernel.statistics(g, n, statisticsAt);
        sum += out[0] as number;
        largest = Math.max(largest, out[1] as number);
      }
      // NaN in either propagates: Math.max(…, NaN) is NaN, and so is the norm
      return { gradNorm: Math.sqrt(sum), clipped: largest > clip || Number.isNaN(largest) };
    },
    update() {
      if (kernel !== undefined) {
        for (const { theta, g, m, n } of addresses) kernel.adagrad(theta, g, m, n, learningRate, clip);
        return;
      }
      for (const { theta, g, m } of storages()) {
        if (theta instanceof Float32Array) {
          adagradUpdate32(theta, g as Float32Array, m as Float32Array, learningRate, clip);
        } else adagradUpdate(theta, g as Float64Array, m as Float64Array, learningRate, clip);
      }
    },
    observeLoss() {},
    state: () => ({
      name: 'adagrad',
      learningRate,
      memory: memory.map((m) => Float64Array.from(m.toFlat())),
      previousEvaluation: null,
      windowLoss: 0,
      windowSteps: 0,
    }),
  };
}

function bytesOf(t: Tensor<FloatArray>): number {
  return t.size * t.data.BYTES_PER_ELEMENT;
}

function allocate(dtype: 'float64' | 'float32', size: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}
