// Reads the training text and rejects what cannot be trained on, naming the file and the fault.
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './usage-error.js';
import { decodeUtf8Strict } from './utf8.js';

/**
 * The UTF-8 text of `path`; a missing file, a directory, an empty file, a binary file (a NUL byte) or
 * invalid UTF-8 throws a UsageError saying which and where.
 * @example readTrainingText('corpus.txt') // 'First Citizen:\n…'
 */
export function readTrainingText(path: string): string {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${path}: no such file`);
    throw new UsageError(`${path}: cannot read (${code ?? String(error)})`);
  }
  if (stats.isDirectory()) throw new UsageError(`${path} is a directory, not a text file`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (bytes.length === 0) throw new UsageError(`${path} is empty: there is nothing to train on`);
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    throw new UsageError(`${path} looks binary (a NUL byte at offset ${nul}): give a UTF-8 text file`);
  try {
    return decodeUtf8Strict(bytes);
  } catch (error) {
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
}
