// The installed packages under Node: ESM import and CJS require, a short run whose loss falls, the READMEs' examples.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { PACKAGES, runNode } from './project.js';
import { installedExamples } from './readme.js';

const { dir } = inject('consumer');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Runs a fixture in the consumer project and returns the JSON object it printed. */
function runFixture(file: string): Record<string, unknown> {
  copyFileSync(join(FIXTURES, file), join(dir, file));
  const { status, stdout, stderr } = runNode(dir, file);
  expect(stderr, file).toBe(''); // no warning either: require(esm) is stable on Node ≥ 20.19
  expect(status, file).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * 300 Adagrad steps on 20 kB of the shipped corpus (K ≈ 60, H = 32, seed 3) start near log K ≈ 4.1 nats; measured
 * here, the first 50 steps average 3.28 and the last 50 2.39 (0.73×). A loss that does not fall at least 15%
 * means training is broken, not unlucky: the run is seeded, so only rounding differs between machines.
 */
function expectLossToFall(losses: unknown): void {
  const values = losses as number[];
  expect(values).toHaveLength(300);
  expect(mean(values.slice(-50))).toBeLessThan(0.85 * mean(values.slice(0, 50)));
}

/** Every module a consumer resolves comes from its own node_modules, not from the workspace. */
function expectResolvedInside(resolved: unknown): void {
  for (const path of resolved as string[])
    expect(path.replace('file://', '')).toContain(`${dir}${sep}node_modules`);
}

describe('the installed packages under Node', () => {
  it('import as ES modules: einsum, the Node subpath, train, checkpoints as text, sampling', () => {
    const result = runFixture('esm.mjs');
    expect(result.product).toEqual([
      [19, 22],
      [43, 50],
    ]);
    expectLossToFall(result.losses);
    expect(result.sample).toMatch(/^The .{40}$/s);
    expectResolvedInside(result.resolved);
  });

  it('require() from CommonJS: both packages and the Node subpath, train, gradcheck, EinsumError', () => {
    const result = runFixture('cjs.cjs');
    expect(result.product).toBe(32);
    expect(result.error).toBe('size-clash');
    expect(result.gradcheck).toBe(true);
    expectLossToFall(result.losses);
    expectResolvedInside(result.resolved);
  });

  const examples = PACKAGES.flatMap((name) =>
    installedExamples(dir, name)
      .filter((example) => /\.(mjs|cjs)$/.test(example.file))
      .map((example) => ({ name, ...example })),
  );

  it('find the README examples for Node (ESM and CommonJS in each README)', () => {
    for (const name of PACKAGES) {
      const files = examples.filter((example) => example.name === name).map((example) => example.file);
      expect(
        files.some((file) => file.endsWith('.mjs')),
        name,
      ).toBe(true);
      expect(
        files.some((file) => file.endsWith('.cjs')),
        name,
      ).toBe(true);
    }
  });

  it.each(examples)('run the README example $file of $name as written', ({ file, code, folder }) => {
    writeFileSync(join(folder, file), code);
    const { status, stdout, stderr } = runNode(folder, file);
    expect(stderr, file).toBe('');
    expect(status, file).toBe(0);
    expect(stdout.trim(), file).not.toBe('');
  });
});
