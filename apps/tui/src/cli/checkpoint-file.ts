// Where `rnn train` saves, checked before any training starts: a typo costs nothing, and no work is overwritten.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import type { TrainArgs } from './train-args.js';
import { UsageError } from './usage-error.js';

/**
 * True for a path that names a .safetensors model (by its extension, case-insensitively): weights without the
 * optimizer, the progress or the validation split of a JSON checkpoint.
 * @example isSafetensorsModel('trained.safetensors') // true
 */
export function isSafetensorsModel(path: string): boolean {
  return path.toLowerCase().endsWith('.safetensors');
}

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
 * Where the best model of a run goes: the checkpoint path with `.json` replaced by `.best.json` (or
 * `.best.json` appended when it has another ending).
 * @example bestPathOf('notes.checkpoint.json') // 'notes.checkpoint.best.json'
 */
export function bestPathOf(path: string): string {
  return path.endsWith('.json') ? `${path.slice(0, -'.json'.length)}.best.json` : `${path}.best.json`;
}

/**
 * The checkpoints of a `rnn train` run: where it saves its latest and best models, what it resumes, and what it
 * tells the user about that choice.
 * @example planCheckpoints(args, 'notes.txt') // { latest: 'notes.checkpoint.json', best: 'notes.checkpoint.best.json', … }
 */
export interface CheckpointPlan {
  readonly latest: string;
  readonly best: string;
  /** The checkpoint to continue: --resume, or the shipped corpus's default checkpoint when it exists. */
  readonly resume: string | undefined;
  /** True when the default checkpoint was picked up without --resume (a contradicting flag then hints --force). */
  readonly autoResumed: boolean;
  /** A best model left by an earlier run, to remove once the new run (--force) has started. */
  readonly staleBest: string | undefined;
  readonly notices: readonly string[];
}

/**
 * Decides the checkpoint paths of `rnn train` on `file` and refuses (UsageError) to overwrite work: an existing
 * checkpoint (or best model) needs --resume to continue it or --force to replace it. The exception is the README's
 * first command, `rnn train` without FILE and --checkpoint, which resumes the shipped corpus's checkpoint when
 * there is one. With --resume and no --checkpoint, the run saves back into the resumed file.
 * @example planCheckpoints(parseTrain(['notes.txt']) as TrainArgs, 'notes.txt').latest // 'notes.checkpoint.json'
 */
export function planCheckpoints(args: TrainArgs, file: string): CheckpointPlan {
  // A resumed JSON checkpoint is saved back into; a .safetensors model holds the weights alone: save beside FILE.
  const resumed = args.resume !== undefined && !isSafetensorsModel(args.resume) ? args.resume : undefined;
  const latest = args.checkpoint ?? resumed ?? `${basename(file, extname(file))}.checkpoint.json`;
  const best = bestPathOf(latest);
  assertWritableCheckpoint(latest);
  if (args.resume !== undefined) {
    assertReadableCheckpoint(args.resume);
    if (resolve(latest) !== resolve(args.resume) && existsSync(latest)) {
      throw new UsageError(
        `${latest} already exists and is not the checkpoint being resumed (${args.resume}): save elsewhere with --checkpoint`,
      );
    }
    return { latest, best, resume: args.resume, autoResumed: false, staleBest: undefined, notices: [] };
  }
  const plan = { latest, best, resume: undefined, autoResumed: false, staleBest: undefined, notices: [] };
  if (args.force) return { ...plan, staleBest: existsSync(best) ? best : undefined };
  if (existsSync(latest)) {
    if (args.file === undefined && args.checkpoint === undefined) {
      assertReadableCheckpoint(latest);
      const notice = `resuming ${latest}, the checkpoint of the shipped corpus (--force starts over)`;
      return { ...plan, resume: latest, autoResumed: true, notices: [notice] };
    }
    throw new UsageError(
      `${latest} already exists: add --resume ${latest} to continue it, or --force to replace it`,
    );
  }
  if (existsSync(best)) {
    throw new UsageError(
      `${best} already exists (the best model of an earlier run): add --force to replace it, or save elsewhere with --checkpoint`,
    );
  }
  return plan;
}

/**
 * What `rnn train --resume PATH` says before it starts when PATH is a .safetensors model, which holds the weights
 * and the step but no optimizer memory, hidden state or text position; undefined for a JSON checkpoint.
 * @example resumeNotice('trained.safetensors') // 'trained.safetensors is a safetensors model (weights and step only): …'
 */
export function resumeNotice(path: string): string | undefined {
  if (!isSafetensorsModel(path)) return undefined;
  return `${path} is a safetensors model (weights and step only): the run starts with fresh optimizer memory, a zero hidden state and the text from its start`;
}
