// Loading a checkpoint for `rnn sample` and `rnn eval`: a missing or corrupt file is a usage error naming it.
import type { Checkpoint } from '@rnn/core';
import { assertReadableCheckpoint } from './checkpoint-file.js';
import { UsageError } from './usage-error.js';

/**
 * The checkpoint at `path`, validated by @rnn/core; any failure is a UsageError that names the file.
 * @example const checkpoint = await loadModel('notes.checkpoint.best.json');
 */
export async function loadModel(path: string): Promise<Checkpoint> {
  assertReadableCheckpoint(path);
  const { RnnError } = await import('@rnn/core');
  const { loadCheckpoint } = await import('@rnn/core/node');
  try {
    return loadCheckpoint(path);
  } catch (error) {
    if (error instanceof RnnError) throw new UsageError(`${path}: ${error.message}`);
    throw error;
  }
}
