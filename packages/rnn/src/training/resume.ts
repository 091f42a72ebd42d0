// Resuming a checkpoint: it must be valid as a whole, and the options that shape the run must agree with it.
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { checkpointFromDocument, checkpointToDocument } from '../checkpoint/json.js';
import { RnnError } from '../errors.js';
import type { TrainOptions } from './train-options.js';

/** A checkpoint built or edited in memory gets the same validation as one read from a file. */
export function checkWhole(checkpoint: Checkpoint): void {
  try {
    checkpointFromDocument(checkpointToDocument(checkpoint));
  } catch (error) {
    if (error instanceof RnnError)
      throw new RnnError(error.code, `resume: the checkpoint is not valid: ${error.message}`);
    throw error;
  }
}

/** On resume, options that shape the model or the run must agree with the checkpoint's. */
export function checkResumeAgrees(options: TrainOptions, checkpoint: Checkpoint): void {
  const saved = checkpoint.hyperparameters;
  const given: [string, unknown, unknown][] = [
    ['level', options.level, checkpoint.vocabulary.level],
    ['hiddenSize', options.hiddenSize, saved.hiddenSize],
    ['seqLength', options.seqLength, saved.seqLength],
    ['batchSize', options.batchSize, saved.batchSize],
    ['optimizer', options.optimizer, saved.optimizer],
    ['truncate', options.truncate, saved.truncate ?? undefined],
    ['maxVocabulary', options.maxVocabulary, saved.maxVocabulary ?? undefined],
    ['seed', options.seed, saved.seed],
    ['clip', options.clip, saved.clip],
    ['evaluateEvery', options.evaluateEvery, saved.evaluateEvery],
    ['halveOnRise', options.halveOnRise, saved.halveOnRise],
    // A checkpoint without a validation record (written before it existed, or a safetensors model) leaves
    // the split to the options.
    [
      'validationFraction',
      options.validationFraction,
      checkpoint.validation?.fraction ?? options.validationFraction,
    ],
  ];
  for (const [name, value, expected] of given) {
    if (value !== undefined && value !== expected) {
      throw new RnnError(
        'bad-argument',
        `resume: ${name} ${JSON.stringify(value)} contradicts the checkpoint's ${JSON.stringify(expected)}`,
      );
    }
  }
}

export const sameTokens = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((token, i) => token === b[i]);

/** Explains how two vocabularies differ, for the vocabulary-mismatch error. */
export function vocabularyDifference(saved: readonly string[], actual: readonly string[]): string {
  const index = saved.findIndex((token, i) => token !== actual[i]);
  const at = index === -1 ? saved.length : index;
  return `the checkpoint has ${saved.length} tokens, the text gives ${actual.length}; first difference at id ${at}: ${JSON.stringify(saved[at] ?? null)} vs ${JSON.stringify(actual[at] ?? null)}`;
}
