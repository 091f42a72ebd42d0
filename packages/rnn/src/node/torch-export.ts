// `rnn export --format torch`: a folder with the model as safetensors and the two Python files that use it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { checkpointToSafetensors, type SafetensorsOptions } from '../checkpoint/safetensors.js';
import { RnnError } from '../errors.js';
import { writeFileAtomically } from './atomic-file.js';

/**
 * The files of a torch export: the weights, the model (nn.RNN + nn.Linear and a torch-only safetensors reader),
 * and DistributedDataParallel training with `rnn train`'s recipe. The Python files ship in packages/rnn/python/.
 *
 * @example
 * ```ts
 * TORCH_EXPORT_FILES; // ['model.safetensors', 'model.py', 'train_ddp.py']
 * ```
 */
export const TORCH_EXPORT_FILES = ['model.safetensors', 'model.py', 'train_ddp.py'] as const;
const PYTHON_FILES = ['model.py', 'train_ddp.py'] as const;

/**
 * Where the Python files are looked for, for a module at `moduleUrl`: the package's python/ folder (the module is
 * in src/node/ or dist/node/), then a python/ folder beside the module (a bundle that copied them there).
 *
 * @example
 * ```ts
 * pythonCandidates('file:///app/dist/node/torch-export.js'); // ['/app/python', '/app/dist/node/python']
 * ```
 */
export function pythonCandidates(moduleUrl: string): string[] {
  return [fileURLToPath(new URL('../../python', moduleUrl)), fileURLToPath(new URL('./python', moduleUrl))];
}

/**
 * The folder that holds model.py and train_ddp.py: packages/rnn/python, or python/ beside a bundle of @rnn/core.
 *
 * @example
 * ```ts
 * readFileSync(join(PYTHON_DIRECTORY, 'model.py'), 'utf8').startsWith('"""'); // true
 * ```
 */
export const PYTHON_DIRECTORY: string = (() => {
  const candidates = pythonCandidates(import.meta.url);
  return candidates.find((path) => existsSync(join(path, 'model.py'))) ?? (candidates[0] as string);
})();

/**
 * Options of {@link exportTorch}.
 *
 * @example
 * ```ts
 * const options: TorchExportOptions = { dtype: 'float64', overwrite: true };
 * ```
 */
export interface TorchExportOptions extends SafetensorsOptions {
  /** Replace files of an earlier export in `directory` (default false: refuse, and write nothing). */
  readonly overwrite?: boolean;
}

/**
 * Writes `directory` with model.safetensors, model.py and train_ddp.py ({@link TORCH_EXPORT_FILES}) and returns
 * their paths. Nothing partial is ever left: a new folder is filled under a temporary name and renamed into place;
 * into an existing folder each file is written atomically, and if any of them exists already (without
 * `overwrite`) RnnError `file-exists` is thrown before anything is written.
 *
 * @example
 * ```ts
 * exportTorch('harbour-torch', loadCheckpoint('harbour.json'));
 * // then: python3 harbour-torch/train_ddp.py corpus.txt --nproc 2
 * ```
 */
export function exportTorch(
  directory: string,
  checkpoint: Checkpoint,
  options: TorchExportOptions = {},
): string[] {
  const weights = checkpointToSafetensors(
    checkpoint,
    options.dtype === undefined ? {} : { dtype: options.dtype },
  );
  const contents = new Map<string, string | Uint8Array>([['model.safetensors', weights]]);
  for (const name of PYTHON_FILES) {
    try {
      contents.set(name, readFileSync(join(PYTHON_DIRECTORY, name), 'utf8'));
    } catch (error) {
      throw new RnnError(
        'missing-file',
        `cannot read ${name} of the torch export in ${PYTHON_DIRECTORY}: ${(error as Error).message}`,
      );
    }
  }
  const paths = TORCH_EXPORT_FILES.map((name) => join(directory, name));
  if (!existsSync(directory)) {
    writeNewDirectory(directory, contents);
    return paths;
  }
  if (!statSync(directory).isDirectory()) {
    throw new RnnError('file-exists', `${directory} exists and is not a folder; a torch export is a folder`);
  }
  const existing = paths.filter((path) => existsSync(path));
  if (existing.length > 0 && options.overwrite !== true) {
    throw new RnnError(
      'file-exists',
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written`,
    );
  }
  for (const [name, bytes] of contents) writeFileAtomically(join(directory, name), bytes, 'export file');
  return paths;
}

/** Fills a temporary sibling folder, then renames it to `directory`, so that the folder appears complete or not at all. */
function writeNewDirectory(directory: string, contents: ReadonlyMap<string, string | Uint8Array>): void {
  const parent = dirname(resolve(directory));
  const temporary = join(parent, `.${basename(resolve(directory))}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(temporary);
    for (const [name, bytes] of contents) writeFileAtomically(join(temporary, name), bytes, 'export file');
    renameSync(temporary, directory);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    if (error instanceof RnnError) throw error;
    throw new RnnError(
      'write-failed',
      `could not write the torch export ${directory}: ${(error as Error).message}`,
    );
  }
}
