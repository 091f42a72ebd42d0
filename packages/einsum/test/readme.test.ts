// The README's Performance section is what scripts/readme.mjs makes of bench/results.json.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('README.md', () => {
  it('shows exactly the figures of bench/results.json in its Performance section', () => {
    const script = new URL('../scripts/readme.mjs', import.meta.url).pathname;
    // Throws with the script's message ("README.md is stale …") when the section drifted from the results.
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
