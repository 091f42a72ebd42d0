// results.json: the figures of the last `npm run test:torch`, one section per test file; the docs quote them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** The file the docs' verification page and "Leaving one machine" guide read at build time. */
export const RESULTS = join(import.meta.dirname, 'results.json');

/**
 * Writes `section` of results.json (keeping the other sections), with the run's date, machine and PyTorch version.
 * @example recordResults('ddp', { char: { loss: 1e-14 } }, '1.13.0a0')
 */
export function recordResults(section: string, value: unknown, torch: string): void {
  const previous = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
    : {};
  const next = {
    ...previous,
    command: 'npm run test:torch',
    torch,
    [section]: {
      date: new Date().toISOString().slice(0, 10),
      machine: cpus()[0]?.model.trim() ?? 'unknown',
      ...(value as object),
    },
  };
  writeFileSync(RESULTS, `${JSON.stringify(next, null, 2)}\n`);
}
