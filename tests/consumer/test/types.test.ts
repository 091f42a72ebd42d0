// Strict TypeScript over the installed packages: the main entries need neither DOM nor Node types.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { exec, PACKAGES } from './project.js';
import { installedExamples } from './readme.js';

const { dir } = inject('consumer');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
/** The workspace's TypeScript (the consumer project installs only the packages under test). */
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const tsc = (project: string) => exec(process.execPath, [TSC, '-p', project], dir);

describe('TypeScript over the installed packages', () => {
  it('passes a strict tsc --noEmit over a file using the public API, without DOM or Node types', () => {
    copyFileSync(join(FIXTURES, 'api.ts'), join(dir, 'api.ts'));
    copyFileSync(join(FIXTURES, 'tsconfig.api.json'), join(dir, 'tsconfig.api.json'));
    // skipLibCheck is off there: the shipped declarations themselves are checked.
    expect(tsc('tsconfig.api.json')).toBe('');
  });

  it('type-checks the READMEs TypeScript examples as written (strict, with Node types)', () => {
    const files = PACKAGES.flatMap((name) => installedExamples(dir, name))
      .filter((example) => example.file.endsWith('.ts'))
      .map(({ file, code, folder }) => {
        writeFileSync(join(folder, file), code);
        return relative(dir, join(folder, file));
      });
    expect(files.length).toBeGreaterThan(0);
    const api = JSON.parse(readFileSync(join(FIXTURES, 'tsconfig.api.json'), 'utf8'));
    // The shipped declarations were checked above; skipping them here spares re-checking all of @types/node.
    const config = {
      compilerOptions: { ...api.compilerOptions, types: ['node'], skipLibCheck: true },
      files,
    };
    writeFileSync(join(dir, 'tsconfig.readme.json'), JSON.stringify(config, null, 2));
    expect(tsc('tsconfig.readme.json')).toBe('');
  });
});
