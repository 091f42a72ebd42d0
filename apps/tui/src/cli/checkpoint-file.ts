// Checks on checkpoint paths made before any training starts, so a typo costs nothing.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Throws a UsageError unless `path` is an existing regular file (a checkpoint to read).
 * @example assertReadableCheckpoint('run.checkpoint.json')
 */
export function assertReadableCheckpoint(path: string): void {
  if (!existsSync(path)) throw new UsageError(`${path}: no such checkpoint file`);
  if (statSync(path).isDirectory()) throw new UsageError(`${path} is a directory, not a checkpoint file`);
}

/**
 * Throws a UsageError unless a checkpoint can be written at `path` (its directory exists, it is no directory).
 * @example assertWritableCheckpoint('runs/a.checkpoint.json')
 */
export function assertWritableCheckpoint(path: string): void {
  const directory = dirname(resolve(path));
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new UsageError(`cannot save the checkpoint to ${path}: directory ${directory} does not exist`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UsageError(`cannot save the checkpoint to ${path}: it is a directory`);
  }
}

/**
 * What `rnn train --resume PATH` says before it starts when PATH is a .safetensors model, which holds the weights
 * and the step but no optimizer memory, hidden state or text position; undefined for a JSON checkpoint.
 * @example resumeNotice('trained.safetensors') // 'trained.safetensors is a safetensors model (weights and step only): …'
 */
export function resumeNotice(path: string): string | undefined {
  if (!path.toLowerCase().endsWith('.safetensors')) return undefined;
  return `${path} is a safetensors model (weights and step only): the run starts with fresh optimizer memory, a zero hidden state and the text from its start`;
}
