// resolveRun() and textNeeds(): train()'s options with their defaults resolved and checked (resume included).
import { type Hyperparameters, type Precision, precisionOf } from '../checkpoint/checkpoint.js';
import { RnnError } from '../errors.js';
import { buildVocabulary, type Level, type Vocabulary } from '../text/vocabulary.js';
import { checkResumeAgrees, checkWhole, sameTokens, vocabularyDifference } from './resume.js';
import type { TrainOptions } from './train-options.js';
import { splitValidation, type ValidationSplit } from './validation.js';

/**
 * A run with every default resolved and checked.
 *
 * @example
 * ```ts
 * resolveRun({ text: 'abcabc', seqLength: 2 }).data; // Int32Array [0, 1, 2, 0, 1, 2]
 * ```
 */
export interface ResolvedRun {
  readonly vocabulary: Vocabulary;
  readonly data: Int32Array;
  readonly hyperparameters: Hyperparameters;
  readonly steps: number;
  readonly logEvery: number;
  readonly sampleEvery: number;
  readonly sampleLength: number;
  readonly source: string;
  /** On resume, a learning rate that replaces the checkpoint's current one. */
  readonly resumeLearningRate: number | undefined;
  /** The training tokens and the held-out sample. */
  readonly validation: ValidationSplit;
  readonly validateEvery: number;
  /** Seconds between gradient-flow measurements, or undefined for none. */
  readonly gradientFlowEverySeconds: number | undefined;
  readonly stopOnDivergence: boolean;
  /** Lines the start event passes to the user. */
  readonly notices: readonly string[];
}

/** The `precision` option, checked (undefined: not given). */
function precisionOption(value: unknown): Precision | undefined {
  if (value === undefined || value === 'float64' || value === 'float32') return value;
  throw new RnnError(
    'bad-argument',
    `precision must be 'float64' or 'float32', got ${JSON.stringify(value)}`,
  );
}

function integer(name: string, value: number, min: number, allowInfinity = false): number {
  if (allowInfinity && value === Number.POSITIVE_INFINITY) return value;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RnnError('bad-argument', `${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

function positive(name: string, value: number): number {
  if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
    throw new RnnError('bad-argument', `${name} must be a positive finite number, got ${String(value)}`);
  }
  return value;
}

/** The hyperparameters of a fresh run from its options. */
function freshHyperparameters(options: TrainOptions): Hyperparameters {
  const optimizer = options.optimizer ?? 'adagrad';
  if (optimizer !== 'adagrad' && optimizer !== 'sgd') {
    throw new RnnError(
      'bad-argument',
      `optimizer must be 'adagrad' or 'sgd', got ${JSON.stringify(optimizer)}`,
    );
  }
  return {
    hiddenSize: integer('hiddenSize', options.hiddenSize ?? 100, 1),
    seqLength: integer('seqLength', options.seqLength ?? 25, 1),
    batchSize: integer('batchSize', options.batchSize ?? 1, 1),
    learningRate: positive('learningRate', options.learningRate ?? (optimizer === 'adagrad' ? 0.1 : 0.5)),
    optimizer,
    seed: integer('seed', options.seed ?? 1, Number.MIN_SAFE_INTEGER),
    truncate: options.truncate === undefined ? null : integer('truncate', options.truncate, 0),
    clip: positive('clip', options.clip ?? 5),
    evaluateEvery: integer('evaluateEvery', options.evaluateEvery ?? 100, 1),
    halveOnRise: options.halveOnRise ?? true,
    maxVocabulary:
      options.maxVocabulary === undefined ? null : integer('maxVocabulary', options.maxVocabulary, 2),
    precision: precisionOption(options.precision) ?? 'float64',
  };
}

/** The hyperparameters and level of a run: the checkpoint's on resume (its precision may be replaced), else fresh. */
function settingsOf(options: TrainOptions): { hyperparameters: Hyperparameters; level: Level } {
  const { resume } = options;
  const precision = precisionOption(options.precision);
  const hyperparameters =
    resume === undefined
      ? freshHyperparameters(options)
      : { ...resume.hyperparameters, precision: precision ?? precisionOf(resume) };
  return { hyperparameters, level: resume?.vocabulary.level ?? options.level ?? 'char' };
}

/** The tokens one step needs: each of the batchSize streams reads seqLength inputs and one more target. */
const tokensNeeded = ({ batchSize, seqLength }: Hyperparameters): number => batchSize * seqLength + 1;

/** The vocabulary of a run's text: at its level, capped as its hyperparameters say. */
function vocabularyOf(text: string, level: Level, hyperparameters: Hyperparameters): Vocabulary {
  const maxSize = hyperparameters.maxVocabulary ?? undefined;
  return buildVocabulary(text, maxSize === undefined ? { level } : { level, maxSize });
}

/**
 * What {@link textNeeds} reports: the run's level, sequence length and batch size, the tokens its text gives at
 * that level, and the tokens one step needs, batchSize × seqLength + 1.
 *
 * @example
 * ```ts
 * const { tokens, needed }: TextNeeds = textNeeds({ text: 'too short' }); // 9 and 26
 * ```
 */
export interface TextNeeds {
  readonly level: Level;
  readonly seqLength: number;
  readonly batchSize: number;
  readonly tokens: number;
  readonly needed: number;
}

/**
 * Whether a text is long enough for a run, decided as train() decides it: the options' settings with train()'s
 * defaults (or those of `options.resume`, which a resumed run keeps). train() throws RnnError 'empty-text' when
 * `tokens < needed`; a front end that words this in its own terms (a CLI's flag names) asks here first, rather
 * than deciding the defaults and the rule again.
 *
 * @example
 * ```ts
 * textNeeds({ text: 'too short', seqLength: 25 }); // { level: 'char', seqLength: 25, batchSize: 1, tokens: 9, needed: 26 }
 * ```
 */
export function textNeeds(options: TrainOptions): TextNeeds {
  const { hyperparameters, level } = settingsOf(options);
  const tokens = vocabularyOf(options.text, level, hyperparameters).encode(options.text).length;
  const { seqLength, batchSize } = hyperparameters;
  return { level, seqLength, batchSize, tokens, needed: tokensNeeded(hyperparameters) };
}

/**
 * Resolves defaults, builds the vocabulary and token ids of the text, and checks everything a run needs.
 *
 * @example
 * ```ts
 * resolveRun({ text: 'hello world', seqLength: 4 }).hyperparameters.hiddenSize; // 100
 * ```
 */
export function resolveRun(options: TrainOptions): ResolvedRun {
  if (typeof options.text !== 'string') throw new RnnError('bad-argument', 'text must be a string');
  const resume = options.resume;
  if (resume !== undefined) {
    checkResumeAgrees(options, resume);
    checkWhole(resume);
  }
  const { hyperparameters, level } = settingsOf(options);
  const vocabulary = vocabularyOf(options.text, level, hyperparameters);
  if (resume !== undefined && !sameTokens(resume.vocabulary.tokens, vocabulary.tokens)) {
    throw new RnnError(
      'vocabulary-mismatch',
      `cannot resume: the checkpoint's vocabulary differs from the text's (${vocabularyDifference(resume.vocabulary.tokens, vocabulary.tokens)})`,
    );
  }
  const data = Int32Array.from(vocabulary.encode(options.text));
  const { seqLength, batchSize } = hyperparameters;
  const needed = tokensNeeded(hyperparameters);
  if (data.length < needed) {
    throw new RnnError(
      'empty-text',
      `the text has ${data.length} tokens, but batchSize × seqLength + 1 = ${needed} are needed for one step`,
    );
  }
  const validation = splitValidation(data, {
    fraction: resume?.validation?.fraction ?? options.validationFraction ?? 0,
    optional: options.validationOptional ?? false,
    seqLength,
    batchSize,
  });
  const resumeLearningRate =
    resume !== undefined && options.learningRate !== undefined
      ? positive('learningRate', options.learningRate)
      : undefined;
  const notices: string[] = validation.notice === undefined ? [] : [validation.notice];
  if (resume !== undefined && hyperparameters.precision !== precisionOf(resume)) {
    notices.push(
      `training in ${hyperparameters.precision}: the checkpoint was trained in ${precisionOf(resume)}` +
        (hyperparameters.precision === 'float32' ? ' (its numbers are rounded to the nearest float32)' : ''),
    );
  }
  if (resumeLearningRate !== undefined && resumeLearningRate !== resume?.optimizer.learningRate) {
    notices.push(
      `learning rate ${resumeLearningRate} replaces the checkpoint's ${resume?.optimizer.learningRate} from step ${(resume?.progress.step ?? 0) + 1} on`,
    );
  }
  const flowSeconds = options.gradientFlowEverySeconds;
  return {
    vocabulary,
    data,
    hyperparameters,
    steps: integer('steps', options.steps ?? Number.POSITIVE_INFINITY, 0, true),
    logEvery: integer('logEvery', options.logEvery ?? 1, 1),
    sampleEvery: integer('sampleEvery', options.sampleEvery ?? 1000, 0),
    sampleLength: integer('sampleLength', options.sampleLength ?? 200, 0),
    source: options.source ?? resume?.source ?? 'text',
    resumeLearningRate,
    validation,
    validateEvery: integer('validateEvery', options.validateEvery ?? 1000, 1),
    gradientFlowEverySeconds:
      flowSeconds === undefined ? undefined : positive('gradientFlowEverySeconds', flowSeconds),
    stopOnDivergence: options.stopOnDivergence ?? true,
    notices,
  };
}
