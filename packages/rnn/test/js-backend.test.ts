// Without WebAssembly SIMD (RNN_EINSUM_BACKEND=js), training runs the loop kernels and trains the same model.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** The losses of 30 steps of a small run, in a child process with the given einsum backend. */
function losses(backend: 'js' | 'wasm-simd', precision: 'float64' | 'float32'): number[] {
  const script = `
    import { readFileSync } from 'node:fs';
    import { backend } from '@rnn/einsum';
    import { train } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
    import { DEFAULT_CORPUS_PATH } from ${JSON.stringify(new URL('../dist/node/index.js', import.meta.url).href)};
    const text = readFileSync(DEFAULT_CORPUS_PATH, 'utf8').slice(0, 5000);
    const losses = [];
    for await (const e of train({ text, hiddenSize: 24, seqLength: 12, batchSize: 3, steps: 30, sampleEvery: 0, precision: ${JSON.stringify(precision)} })) {
      if (e.type === 'step') losses.push(e.loss);
    }
    console.log(JSON.stringify({ backend: backend(), losses }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: new URL('..', import.meta.url),
    env: { ...process.env, RNN_EINSUM_BACKEND: backend },
  });
  const result = JSON.parse(out) as { backend: string; losses: number[] };
  expect(result.backend).toBe(backend);
  return result.losses;
}

describe('the JS fallback', () => {
  for (const precision of ['float64', 'float32'] as const) {
    it(`trains the same model as WebAssembly SIMD, to rounding (${precision})`, () => {
      const js = losses('js', precision);
      const simd = losses('wasm-simd', precision);
      expect(js).toHaveLength(30);
      // The kernels and the loops differ in summation order and by a few ulps of tanh and exp; Adagrad's early
      // steps amplify such differences (the bench shows runs agreeing to 1e-12 for a few steps, then parting):
      // the first steps agree closely, and the whole runs to 1%.
      const unit = precision === 'float64' ? 1e-10 : 1e-4;
      for (let i = 0; i < 3; i++)
        expect(Math.abs((js[i] as number) - (simd[i] as number))).toBeLessThan(unit);
      for (let i = 0; i < 30; i++) {
        expect(Math.abs((js[i] as number) / (simd[i] as number) - 1)).toBeLessThan(0.01);
      }
    });
  }
});
