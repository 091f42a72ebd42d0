// Checkpoint files: atomic writes (temp file in the same directory, fsync, rename) and validated reads.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { checkpointFromJson, checkpointToJson } from '../checkpoint/json.js';
import { RnnError } from '../errors.js';

/**
 * Writes a checkpoint as JSON, atomically: the bytes go to a temporary file beside `path`, are flushed to disk
 * (fsync), and the file is renamed over `path`, so a reader sees the old file or the new one, never half of one.
 * On failure the temporary file is removed and RnnError `write-failed` is thrown. A checkpoint that would not
 * load back (a non-finite parameter, a wrong shape) is refused with the error loadCheckpoint would give.
 *
 * @example
 * ```ts
 * const trainer = createTrainer({ text: 'hello world', steps: 5 });
 * for await (const _ of trainer.run());
 * saveCheckpoint('model.json', trainer.checkpoint());
 * ```
 */
export function saveCheckpoint(path: string, checkpoint: Checkpoint): void {
  let text: string;
  try {
    text = checkpointToJson(checkpoint);
  } catch (error) {
    if (error instanceof RnnError)
      throw new RnnError(error.code, `refusing to write checkpoint ${path}: ${error.message}`);
    throw error;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx');
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw new RnnError('write-failed', `could not write checkpoint ${path}: ${(error as Error).message}`);
  }
  syncDirectory(dirname(path));
}

/** Makes the rename itself durable where the platform allows fsync on a directory (not on Windows). */
function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch {
    // Directories cannot be opened or synced on some platforms; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads and validates a checkpoint file. Throws RnnError with code `missing-file`, `not-json`, `bad-format`,
 * `bad-version`, `bad-checksum`, `bad-field`, `bad-shape` or `not-finite`, and a message that names the file
 * and the field at fault.
 *
 * @example
 * ```ts
 * const checkpoint = loadCheckpoint('model.json');
 * sampleText(checkpoint, { length: 100, seed: 1 });
 * ```
 */
export function loadCheckpoint(path: string): Checkpoint {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new RnnError('missing-file', `cannot read checkpoint ${path}: ${reason}`);
  }
  try {
    return checkpointFromJson(text);
  } catch (error) {
    if (error instanceof RnnError) {
      const joiner = error.code === 'not-json' ? ' is ' : ': '; // 'checkpoint m.json is not JSON: …'
      throw new RnnError(error.code, `checkpoint ${path}${joiner}${error.message}`);
    }
    throw error;
  }
}
