// The main entry '@rnn/core' runs in any JavaScript runtime: nothing it imports, however deep, needs Node.js.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE = join(import.meta.dirname, '..', 'src');
const IMPORT = /^(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm;

/** Every module reachable from `entry` by relative imports, and every bare specifier any of them imports. */
function importGraph(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { modules, packages };
}

describe("the main entry '@rnn/core'", () => {
  it('imports no Node.js module and nothing from src/node, at any depth (safetensors included)', () => {
    const { modules, packages } = importGraph(join(SOURCE, 'index.ts'));
    expect([...packages].filter((name) => name.startsWith('node:') || !name.startsWith('@'))).toEqual([]);
    expect([...modules].filter((file) => file.includes(`${join(SOURCE, 'node')}`))).toEqual([]);
    expect([...modules].some((file) => file.endsWith(join('safetensors', 'decode.ts')))).toBe(true);
  });
});
