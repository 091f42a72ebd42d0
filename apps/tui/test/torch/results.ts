// results.json: the figures of a recorded `npm run test:torch -- --record`, one section per test file; the docs quote them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/**
 * The file the docs' verification page and "Leaving one machine" guide read at build time. A run updates it only
 * when recording (`npm run test:torch -- --record`, which sets RNN_TORCH_RECORD=1), so that CI's runs leave the
 * tracked file, and the docs built from it, as they are; other runs write to apps/tui/test-output/ (ignored by git).
 */
export const RESULTS =
  process.env.RNN_TORCH_RECORD === '1'
    ? join(import.meta.dirname, 'results.json')
    : join(import.meta.dirname, '..', '..', 'test-output', 'torch-results.json');

/**
 * Writes `section` of {@link RESULTS} (keeping the other sections), with the run's date, machine and PyTorch version.
 * @example recordResults('ddp', { char: { loss: 1e-14 } }, '1.13.0a0')
 */
export function recordResults(section: string, value: unknown, torch: string): void {
  const previous = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
    : {};
  const next = {
    ...previous,
    command: 'npm run test:torch -- --record',
    torch,
    [section]: {
      date: new Date().toISOString().slice(0, 10),
      machine: cpus()[0]?.model.trim() ?? 'unknown',
      ...(value as object),
    },
  };
  mkdirSync(join(RESULTS, '..'), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(next, null, 2)}\n`);
}
