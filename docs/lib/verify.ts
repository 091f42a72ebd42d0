// Verification runs made at build time: gradcheck over many random models, and (1a), (1b) against plain loops.
import { EQUATIONS, forward, gradcheck, gradients, initParams } from '@rnn/core';
import { einsum, tensor } from '@rnn/einsum';
import { GRADIENT_EQUATIONS, type GradientEquation } from './equation-pages.js';

/** The size of one random model of a verification run. */
export interface ModelSize {
  readonly seed: number;
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly length: number;
}

/** Errors of one gradient equation over every model of the run, in model order. */
export interface GradientErrors {
  readonly equation: GradientEquation;
  readonly parameter: 'U' | 'W' | 'V';
  readonly literal: readonly number[];
  readonly bptt: readonly number[];
}

/**
 * The models of a run: small and varied (K from 3 to 7, H from 2 to 6, T from 2 to 7), each with its own seed,
 * so that the literal O(T²H³) form stays cheap and the run exercises many shapes.
 *
 * @example
 * verificationModels(2); // [{ seed: 1, vocabSize: 4, hiddenSize: 5, length: 4 }, …]
 */
export function verificationModels(count: number): ModelSize[] {
  return Array.from({ length: count }, (_, i) => ({
    seed: i + 1,
    vocabSize: 3 + ((i + 1) % 5),
    hiddenSize: 2 + ((3 * i + 3) % 5),
    length: 2 + ((5 * i + 2) % 6),
  }));
}

/**
 * Runs @rnn/core's gradcheck on every model and collects, per gradient equation, the largest relative error
 * of the literal and of the bptt form against central finite differences. Throws when a model fails the check.
 *
 * @example
 * gradientErrors(verificationModels(20)).errors.find((e) => e.equation === '21')?.bptt; // twenty small numbers
 */
export function gradientErrors(models: readonly ModelSize[]): {
  tolerance: number;
  errors: GradientErrors[];
} {
  const reports = models.map((m) => {
    const report = gradcheck({
      vocabSize: m.vocabSize,
      hiddenSize: m.hiddenSize,
      length: m.length,
      seed: m.seed,
    });
    if (!report.passed) {
      throw new Error(
        `gradcheck failed on model ${JSON.stringify(m)} while building the site:\n${report.toString()}`,
      );
    }
    return report;
  });
  const errors = (Object.keys(GRADIENT_EQUATIONS) as GradientEquation[]).map((equation) => {
    const parameter = GRADIENT_EQUATIONS[equation];
    const column = (method: 'literal' | 'bptt') =>
      reports.map((report, i) => {
        const row = report.rows.find((r) => r.equation === equation && r.method === method);
        if (!row) throw new Error(`gradcheck of model ${i + 1} has no row for (${equation}) ${method}.`);
        if (row.parameter !== parameter) {
          throw new Error(
            `gradcheck reports (${equation}) for ${row.parameter}; the derivation says ${parameter}.`,
          );
        }
        return row.maxRelativeError;
      });
    return { equation, parameter, literal: column('literal'), bptt: column('bptt') };
  });
  return { tolerance: Math.max(...reports.map((r) => r.tolerance)), errors };
}

/**
 * Largest absolute difference between @rnn/core's forward pass and a plain loop over (1a) and (1b), per model:
 * s_t = tanh(U[:, x_t] + W s_{t−1}) with s_{−1} = 0, and ŷ_t = softmax(V s_t), written here independently.
 *
 * @example
 * forwardDifferences(verificationModels(3)); // { hidden: [≈1e-16, …], output: [≈1e-17, …] }
 */
export function forwardDifferences(models: readonly ModelSize[]): { hidden: number[]; output: number[] } {
  const hidden: number[] = [];
  const output: number[] = [];
  for (const m of models) {
    const params = initParams({ vocabSize: m.vocabSize, hiddenSize: m.hiddenSize, seed: m.seed });
    const xs = Array.from({ length: m.length }, (_, t) => (m.seed * 7 + t * 3) % m.vocabSize);
    const { s, yHat } = forward(params, xs);
    const [K, H] = [m.vocabSize, m.hiddenSize];
    const [U, W, V] = [params.U.toFlat(), params.W.toFlat(), params.V.toFlat()];
    const [sFlat, yFlat] = [s.toFlat(), yHat.toFlat()];
    let previous = new Float64Array(H);
    let [maxHidden, maxOutput] = [0, 0];
    xs.forEach((x, t) => {
      const state = new Float64Array(H);
      for (let h = 0; h < H; h++) {
        let z = U[h * K + x] ?? Number.NaN;
        for (let j = 0; j < H; j++) z += (W[h * H + j] ?? Number.NaN) * (previous[j] ?? Number.NaN);
        const value = Math.tanh(z);
        state[h] = value;
        maxHidden = Math.max(maxHidden, Math.abs(value - (sFlat[t * H + h] ?? Number.NaN)));
      }
      const q = Array.from({ length: K }, (_, k) => {
        let sum = 0;
        for (let h = 0; h < H; h++) sum += (V[k * H + h] ?? Number.NaN) * (state[h] ?? Number.NaN);
        return sum;
      });
      const top = Math.max(...q);
      const total = q.reduce((acc, v) => acc + Math.exp(v - top), 0);
      q.forEach((v, k) => {
        const expected = Math.exp(v - top) / total;
        maxOutput = Math.max(maxOutput, Math.abs(expected - (yFlat[t * K + k] ?? Number.NaN)));
      });
      previous = state;
    });
    if (!Number.isFinite(maxHidden) || !Number.isFinite(maxOutput)) {
      throw new Error(`forward() of model ${m.seed} disagrees with (1a)/(1b) in shape or gives NaN.`);
    }
    hidden.push(maxHidden);
    output.push(maxOutput);
  }
  return { hidden, output };
}

/**
 * Largest absolute difference, per model, between Σ_t of (14)'s outer product (ŷ_t − y_t) ⊗ s_t / N, evaluated
 * with EQUATIONS['14']'s own einsum string one step at a time, and the V gradient `gradients()` returns.
 *
 * @example
 * outerProductDifferences(verificationModels(3)); // [≈1e-17, …]
 */
export function outerProductDifferences(models: readonly ModelSize[]): number[] {
  const [outer] = EQUATIONS['14'].literal;
  if (!outer) throw new Error("EQUATIONS['14'] has no contraction.");
  return models.map((m) => {
    const params = initParams({ vocabSize: m.vocabSize, hiddenSize: m.hiddenSize, seed: m.seed });
    const xs = Array.from({ length: m.length }, (_, t) => (m.seed * 7 + t * 3) % m.vocabSize);
    const ys = Array.from({ length: m.length }, (_, t) => (m.seed * 5 + t * 2 + 1) % m.vocabSize);
    const [K, H, N] = [m.vocabSize, m.hiddenSize, m.length];
    const { s, yHat } = forward(params, xs);
    const [sFlat, yFlat] = [s.toFlat(), yHat.toFlat()];
    const sum = new Float64Array(K * H);
    ys.forEach((y, t) => {
      const error = Array.from(
        { length: K },
        (_, k) => ((yFlat[t * K + k] ?? Number.NaN) - (k === y ? 1 : 0)) / N,
      );
      const state = sFlat.subarray(t * H, (t + 1) * H);
      const step = einsum(outer.subscripts, tensor(error, [K]), tensor(state, [H])).toFlat();
      step.forEach((v, i) => {
        sum[i] = (sum[i] ?? 0) + v;
      });
    });
    const dV = gradients(params, xs, ys, { method: 'bptt' }).dV.toFlat();
    const difference = dV.reduce((max, v, i) => Math.max(max, Math.abs(v - (sum[i] ?? Number.NaN))), 0);
    if (!Number.isFinite(difference) || dV.length !== K * H) {
      throw new Error(`(14) summed over t disagrees in shape or gives NaN for model ${m.seed}.`);
    }
    return difference;
  });
}
