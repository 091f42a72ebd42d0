// The README's playground figures are the ones bench/results.json holds.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('README.md', () => {
  it('shows exactly the bundle sizes and frame intervals of bench/results.json', () => {
    const script = join(import.meta.dirname, '..', 'scripts', 'readme.mjs');
    // Throws with the script's message ("docs/README.md is stale …") when the section drifted.
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
