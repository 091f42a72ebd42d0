// Reads the hyperparameters of a checkpoint from untrusted JSON, each field checked and named in its error.
import type { OptimizerName } from '../training/optimizers/optimizer.js';
import type { Hyperparameters } from './checkpoint.js';
import { type JsonRecord, readBoolean, readChoice, readInteger, readNumber } from './fields.js';

/** What a fresh `train()` uses for the fields a file written elsewhere (PyTorch) may leave out. */
const DEFAULTS = {
  batchSize: 1,
  seed: 1,
  evaluateEvery: 100,
  halveOnRise: true,
  maxVocabulary: null,
} as const;

/**
 * Validates the hyperparameters record `h` found at `path`. With `withDefaults`, the fields that do not shape the
 * model or its update (batchSize, seed, evaluateEvery, halveOnRise, maxVocabulary) take a fresh run's defaults
 * when absent; hiddenSize, seqLength, learningRate, clip, optimizer and truncate are always required.
 *
 * @example
 * ```ts
 * readHyperparameters(JSON.parse(text), 'hyperparameters', true).batchSize; // 1 when the text has none
 * ```
 */
export function readHyperparameters(h: JsonRecord, path: string, withDefaults = false): Hyperparameters {
  const given = (key: keyof typeof DEFAULTS): boolean => !withDefaults || h[key] !== undefined;
  // Read in this order, so that a file with several faults reports the same one as before.
  const hiddenSize = readInteger(h, 'hiddenSize', path, 1);
  const batchSize = given('batchSize') ? readInteger(h, 'batchSize', path, 1) : DEFAULTS.batchSize;
  const optimizer: OptimizerName = readChoice(h, 'optimizer', path, ['adagrad', 'sgd'] as const);
  return {
    hiddenSize,
    seqLength: readInteger(h, 'seqLength', path, 1),
    batchSize,
    learningRate: readNumber(h, 'learningRate', path),
    optimizer,
    seed: given('seed') ? readInteger(h, 'seed', path, Number.MIN_SAFE_INTEGER) : DEFAULTS.seed,
    truncate: h.truncate === null ? null : readInteger(h, 'truncate', path, 0),
    clip: readNumber(h, 'clip', path),
    evaluateEvery: given('evaluateEvery') ? readInteger(h, 'evaluateEvery', path, 1) : DEFAULTS.evaluateEvery,
    halveOnRise: given('halveOnRise') ? readBoolean(h, 'halveOnRise', path) : DEFAULTS.halveOnRise,
    maxVocabulary:
      !given('maxVocabulary') || h.maxVocabulary === null ? null : readInteger(h, 'maxVocabulary', path, 2),
    // absent in checkpoints written before float32 training: they trained in float64
    precision:
      h.precision === undefined
        ? 'float64'
        : readChoice(h, 'precision', path, ['float64', 'float32'] as const),
  };
}
