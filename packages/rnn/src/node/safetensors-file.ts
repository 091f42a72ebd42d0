// safetensors model files: atomic writes that never replace a file unasked, and validated reads.
import { readFileSync } from 'node:fs';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import {
  checkpointFromSafetensors,
  checkpointToSafetensors,
  type SafetensorsCheckpoint,
  type SafetensorsOptions,
} from '../checkpoint/safetensors.js';
import { RnnError } from '../errors.js';
import { type AtomicWriteOptions, writeFileAtomically } from './atomic-file.js';

/**
 * The bytes of a file, or RnnError `missing-file` naming it.
 *
 * @example
 * ```ts
 * readFileBytes('model.safetensors', 'model').length; // the file's size
 * ```
 */
export function readFileBytes(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new RnnError('missing-file', `cannot read ${what} ${path}: ${reason}`);
  }
}

/**
 * Writes the model of a checkpoint as safetensors (see `checkpointToSafetensors`), atomically. An existing file is
 * replaced only with `overwrite: true`; otherwise RnnError `file-exists` is thrown and nothing is written.
 *
 * @example
 * ```ts
 * saveSafetensors('model.safetensors', loadCheckpoint('model.json'), { dtype: 'float32' });
 * ```
 */
export function saveSafetensors(
  path: string,
  checkpoint: Checkpoint,
  options: SafetensorsOptions & AtomicWriteOptions = {},
): void {
  let bytes: Uint8Array;
  try {
    bytes = checkpointToSafetensors(checkpoint, options.dtype === undefined ? {} : { dtype: options.dtype });
  } catch (error) {
    if (error instanceof RnnError) throw new RnnError(error.code, `${path}: ${error.message}`);
    throw error;
  }
  writeFileAtomically(path, bytes, 'model', { overwrite: options.overwrite ?? false });
}

/**
 * Reads and validates a safetensors model file (see `checkpointFromSafetensors`); every RnnError names the file.
 *
 * @example
 * ```ts
 * const { checkpoint, dtype } = loadSafetensors('model.safetensors');
 * sampleText(checkpoint, { length: 100 });
 * ```
 */
export function loadSafetensors(path: string): SafetensorsCheckpoint {
  const bytes = readFileBytes(path, 'model');
  try {
    return checkpointFromSafetensors(bytes);
  } catch (error) {
    if (error instanceof RnnError) throw new RnnError(error.code, `model ${path}: ${error.message}`);
    throw error;
  }
}
