// einsum-wat: templates expand into one module per variant; the command builds any .wat file given to it.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWat, expandTemplate, readWat } from '../scripts/build-wasm.mjs';

const SCRIPT = new URL('../scripts/build-wasm.mjs', import.meta.url).pathname;

describe('einsum-wat', () => {
  it('expands a template: one text per @variant, {KEY} replaced, @if blocks kept only where named', () => {
    const source = [
      ';; @variant f64 T=f64 S=3',
      ';; @variant f32 T=f32 S=2',
      '({T}.load (i32.shl (local.get 0) (i32.const {S})))',
      ';; @if f32',
      'only f32',
      ';; @end',
      ';; @if f32,f64',
      'both',
      ';; @end',
    ].join('\n');
    const [f64, f32] = expandTemplate(source);
    expect(f64?.variant).toBe('f64');
    expect(f64?.text).toContain('(f64.load (i32.shl (local.get 0) (i32.const 3)))');
    expect(f64?.text).not.toContain('only f32');
    expect(f32?.text).toContain('only f32');
    expect(f64?.text).toContain('both');
    expect(expandTemplate('(module)')).toEqual([{ variant: '', text: '(module)' }]);
    expect(() => expandTemplate(';; @variant a X=1\n{Y}')).toThrow('variant a: no value for {Y}');
  });

  it('reads a module split by concern: each @include line becomes the named file, recursively, and a cycle is an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'einsum-wat-include-'));
    try {
      writeFileSync(join(dir, 'main.wat'), '(module\n  ;; @include parts/a.part.wat\n)\n');
      mkdirSync(join(dir, 'parts'));
      writeFileSync(join(dir, 'parts', 'a.part.wat'), '  (func $a)\n  ;; @include b.part.wat\n');
      writeFileSync(join(dir, 'parts', 'b.part.wat'), '  (func $b)\n');
      expect(readWat(join(dir, 'main.wat'))).toBe('(module\n  (func $a)\n  (func $b)\n)\n');
      writeFileSync(join(dir, 'parts', 'b.part.wat'), ';; @include a.part.wat\n');
      expect(() => readWat(join(dir, 'main.wat'))).toThrow(
        '@include cycle: main.wat → a.part.wat → b.part.wat → a.part.wat',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // the kernels use it: gemm.wat's packing routines live in pack.part.wat
    expect(readWat(new URL('../src/kernels/gemm.wat', import.meta.url).pathname)).toContain('(func $pack_b');
  });

  it('compiles the kernels into one valid module per element type', async () => {
    const variants = await compileWat(new URL('../src/kernels/gemm.wat', import.meta.url).pathname);
    expect(variants.map((v) => v.variant)).toEqual(['f64', 'f32']);
    for (const { bytes } of variants) expect([...bytes.slice(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
  });

  it('builds another package’s .wat file to a TypeScript module or a binary, and reports errors in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'einsum-wat-'));
    try {
      const source = join(dir, 'update.wat');
      writeFileSync(source, readFileSync(new URL('./fixtures/scale.wat', import.meta.url), 'utf8'));
      execFileSync(process.execPath, [SCRIPT, source, '--out', join(dir, 'out')]);
      expect(readFileSync(join(dir, 'out', 'update-wasm.ts'), 'utf8')).toMatch(/export const wasmBase64 = '/);
      execFileSync(process.execPath, [SCRIPT, source, '--out', dir, '--format', 'wasm']);
      expect([...readFileSync(join(dir, 'update.wasm')).subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
      writeFileSync(source, '(module (func (export "f") (i32.add)))');
      const failure = (() => {
        try {
          execFileSync(process.execPath, [SCRIPT, source], { stdio: 'pipe' });
        } catch (error) {
          return error as { status: number; stderr: Buffer };
        }
      })();
      expect(failure?.status).toBe(1);
      expect(String(failure?.stderr)).toMatch(/^einsum-wat: .*update\.wat/);
      const usage = (() => {
        try {
          execFileSync(process.execPath, [SCRIPT, '--bogus'], { stdio: 'pipe' });
        } catch (error) {
          return error as { status: number; stderr: Buffer };
        }
      })();
      expect(usage?.status).toBe(2);
      expect(String(usage?.stderr).trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
