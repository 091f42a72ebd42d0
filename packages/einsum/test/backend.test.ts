// backend(): WebAssembly SIMD when the engine validates the kernels, JS otherwise or when asked; the package
// imports without top-level await and without Node's APIs.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backend, EinsumError, einsum } from '../src/index.js';
import { instantiateKernels, requestedBackend } from '../src/kernels/backend.js';
import { type WebAssemblyApi, webAssembly } from '../src/resident/heap.js';

const engine = webAssembly as WebAssemblyApi;

describe('backend', () => {
  it('is wasm-simd on this engine, unless RNN_EINSUM_BACKEND=js asked for the JS kernels', () => {
    expect(backend()).toBe(process.env.RNN_EINSUM_BACKEND === 'js' ? 'js' : 'wasm-simd');
    // either way the results are those of the oracle suite (run on both backends)
    expect(einsum('ij,jk->ik', [[1, 2]], [[3], [4]]).toArray()).toEqual([[11]]);
  });

  it('runs the JS kernels where WebAssembly.validate rejects the SIMD modules, or where there is no WebAssembly', () => {
    const memory = new engine.Memory({ initial: 1 });
    const withoutSimd: WebAssemblyApi = { ...bindAll(engine), validate: () => false };
    expect(instantiateKernels(withoutSimd, memory)).toBeUndefined();
    expect(instantiateKernels(undefined, memory)).toBeUndefined();
    const kernels = instantiateKernels(engine, memory);
    expect(typeof kernels?.float64.gemm).toBe('function');
    expect(typeof kernels?.float32.ger).toBe('function');
  });

  it('reads RNN_EINSUM_BACKEND: js, wasm-simd or unset; anything else is an error that says what to use', () => {
    expect(requestedBackend(undefined)).toBeUndefined();
    expect(requestedBackend({})).toBeUndefined();
    expect(requestedBackend({ RNN_EINSUM_BACKEND: '' })).toBeUndefined();
    expect(requestedBackend({ RNN_EINSUM_BACKEND: 'js' })).toBe('js');
    expect(requestedBackend({ RNN_EINSUM_BACKEND: 'wasm-simd' })).toBe('wasm-simd');
    expect(() => requestedBackend({ RNN_EINSUM_BACKEND: 'gpu' })).toThrow(EinsumError);
    expect(() => requestedBackend({ RNN_EINSUM_BACKEND: 'gpu' })).toThrow(
      `RNN_EINSUM_BACKEND="gpu" is not a backend: use 'js', 'wasm-simd' or leave it unset`,
    );
  });

  it('each kernel module is under 4 KiB, the size browsers compile synchronously on the main thread', () => {
    const generated = new URL('../src/kernels/generated/', import.meta.url).pathname;
    for (const file of readdirSync(generated)) {
      const base64 = /wasmBase64 = '([^']+)'/.exec(readFileSync(join(generated, file), 'utf8'))?.[1] ?? '';
      expect(Buffer.from(base64, 'base64').length, file).toBeLessThan(4096);
    }
  });
});

describe('the built package', () => {
  const dist = new URL('../dist/', import.meta.url).pathname;

  it('loads with require() (no top-level await) and picks its backend from RNN_EINSUM_BACKEND', () => {
    const script = `const e = require(${JSON.stringify(join(dist, 'index.js'))}); console.log(e.backend(), e.einsum('i,i->', [1, 2], [3, 4]).toArray())`;
    const run = (value: string) =>
      execFileSync(process.execPath, ['-e', script], {
        env: { ...process.env, RNN_EINSUM_BACKEND: value },
        encoding: 'utf8',
      }).trim();
    expect(run('')).toBe('wasm-simd 11');
    expect(run('js')).toBe('js 11');
  });

  it('needs no Node API at run time: no node: import and no process use beyond the guarded variable', () => {
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(join(dist, file), 'utf8');
      expect(text, file).not.toMatch(/from ['"]node:|require\(|\bBuffer\b/);
      const processUses = text.match(/\bprocess\b/g) ?? [];
      if (processUses.length > 0) expect(file).toBe(join('kernels', 'backend.js'));
    }
  });
});

/** The API with its functions bound to the engine's object (WebAssembly.validate needs its receiver). */
function bindAll(api: WebAssemblyApi): WebAssemblyApi {
  return {
    Memory: api.Memory,
    Module: api.Module,
    Instance: api.Instance,
    validate: (bytes) => api.validate(bytes),
  };
}
