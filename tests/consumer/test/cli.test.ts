// The packed `rnn` command: installed from its tarball with no runtime dependency, it runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { CLI, exec } from './project.js';

const { dir, packed } = inject('consumer');
const bin = join(dir, 'node_modules', '.bin', 'rnn');

describe('the packed rnn command', () => {
  it('ships its bundle and declares no runtime dependency (Ink, React and @rnn/core are bundled)', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', CLI, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ rnn: './dist/cli.js' });
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(packed[CLI].files).toContain('dist/cli.js');
    expect(packed[CLI].files).toContain('LICENSE');
  });

  it('prints its help and checks the gradients from the installed bin', () => {
    expect(exec(bin, ['--help'], dir)).toMatch(/^Usage:/m);
    expect(exec(bin, ['gradcheck'], dir)).toMatch(/worst \S+ ≤ tolerance 1e-4: passed/);
  });
});
