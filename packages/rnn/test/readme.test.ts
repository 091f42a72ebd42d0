// The README's generated sections (equations from EQUATIONS, bench table from results.json) are up to date.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('README.md', () => {
  it('shows exactly the contractions of EQUATIONS and the figures of bench/results.json', () => {
    const script = join(import.meta.dirname, '..', 'scripts', 'readme.mjs');
    // Throws with the script's message ("README.md is stale …") when a section drifted.
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
