// Whole-or-nothing file writes: a temporary file beside the target, flushed, then renamed (or linked) into place.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RnnError } from '../errors.js';

/**
 * Options of the atomic writes behind saveSafetensors and exportTorch.
 *
 * @example
 * ```ts
 * const options: AtomicWriteOptions = { overwrite: false };
 * ```
 */
export interface AtomicWriteOptions {
  /** Replace an existing file (default true); when false, an existing file is left alone and `file-exists` thrown. */
  readonly overwrite?: boolean;
}

/**
 * Writes `contents` to `path` so that a reader sees the old file or the new one, never part of one: the bytes go
 * to a temporary file in the same directory, are flushed to disk (fsync), and the file is renamed over `path`
 * (or, with `overwrite: false`, hard-linked to `path`, which fails if it exists, without a race). On failure the
 * temporary file is removed and RnnError `write-failed` (or `file-exists`) is thrown; `what` names the file in it.
 *
 * @example
 * ```ts
 * writeFileAtomically('model.safetensors', bytes, 'model', { overwrite: false });
 * ```
 */
export function writeFileAtomically(
  path: string,
  contents: string | Uint8Array,
  what: string,
  options: AtomicWriteOptions = {},
): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx');
    writeFileSync(fd, contents); // loops until every byte is written
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (options.overwrite === false) {
      linkWithoutOverwrite(temporary, path);
      rmSync(temporary, { force: true });
    } else {
      renameSync(temporary, path);
    }
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && options.overwrite === false) {
      throw new RnnError('file-exists', `${path} already exists; it was left as it is`);
    }
    throw new RnnError('write-failed', `could not write ${what} ${path}: ${(error as Error).message}`);
  }
  syncDirectory(dirname(path));
}

/** Hard-links `from` to `to`, failing with EEXIST if `to` exists; where links are unsupported, checks, then renames. */
function linkWithoutOverwrite(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    if (existsSync(to)) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
    renameSync(from, to);
  }
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
