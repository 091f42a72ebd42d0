// Checkpoint files: atomic writes (temp file in the same directory, fsync, rename) and validated reads of JSON
// checkpoints and of safetensors models.
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { checkpointFromJson, checkpointToJson } from '../checkpoint/json.js';
import { RnnError } from '../errors.js';
import { writeFileAtomically } from './atomic-file.js';
import { loadSafetensors, readFileBytes } from './safetensors-file.js';

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
  writeFileAtomically(path, text, 'checkpoint');
}

/**
 * Reads and validates a checkpoint file: JSON, or a `.safetensors` model (read by {@link loadSafetensors}, with
 * fresh optimizer memory and progress, since such a file holds the model alone). Throws RnnError with code
 * `missing-file`, `not-json`, `bad-format`, `bad-version`, `bad-checksum`, `bad-field`, `bad-shape` or
 * `not-finite` (and for safetensors the codes of `checkpointFromSafetensors`), with a message that names the file
 * and the field at fault.
 *
 * @example
 * ```ts
 * const checkpoint = loadCheckpoint('model.json'); // or 'model.safetensors'
 * sampleText(checkpoint, { length: 100, seed: 1 });
 * ```
 */
export function loadCheckpoint(path: string): Checkpoint {
  if (isSafetensorsPath(path)) return loadSafetensors(path).checkpoint;
  const text = new TextDecoder().decode(readFileBytes(path, 'checkpoint'));
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

/**
 * True for a path that names a safetensors file (by its extension, case-insensitively).
 *
 * @example
 * ```ts
 * isSafetensorsPath('runs/model.safetensors'); // true
 * ```
 */
export function isSafetensorsPath(path: string): boolean {
  return path.toLowerCase().endsWith('.safetensors');
}
