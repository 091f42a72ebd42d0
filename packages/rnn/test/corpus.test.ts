// The shipped corpus: where it is found, and that it is exactly what the project's generator writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_FILE_NAME, corpusCandidates, DEFAULT_CORPUS_PATH } from '../src/node/corpus.js';

describe('the shipped corpus', () => {
  it('is found in packages/rnn/corpus and is the generator’s output for its defaults', () => {
    expect(DEFAULT_CORPUS_PATH).toBe(join(import.meta.dirname, '..', 'corpus', CORPUS_FILE_NAME));
    const out = join(mkdtempSync(join(tmpdir(), 'corpus-')), 'generated.txt');
    execFileSync(process.execPath, [join(import.meta.dirname, '..', 'corpus', 'generate.mjs'), '--out', out]);
    const shipped = readFileSync(DEFAULT_CORPUS_PATH, 'utf8');
    expect(readFileSync(out, 'utf8') === shipped).toBe(true);
    expect(shipped.length).toBeGreaterThan(200_000);
  });

  it('is looked for beside the package first, then beside a bundle', () => {
    expect(corpusCandidates('file:///app/dist/node/corpus.js')).toEqual([
      `/app/corpus/${CORPUS_FILE_NAME}`,
      `/app/dist/node/${CORPUS_FILE_NAME}`,
    ]);
  });
});
