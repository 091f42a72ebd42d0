// Public API of @rnn/core: export lines are grouped by module (rnn-math's modules, then rnn-train's).

// checkpoints
export type { Checkpoint, Hyperparameters, TrainingProgress } from './checkpoint.js';
export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from './checkpoint.js';
export { loadCheckpoint, saveCheckpoint } from './checkpoint-file.js';
// corpus
export { CORPUS_FILE_NAME, corpusCandidates, DEFAULT_CORPUS_PATH } from './corpus.js';
// errors
export type { RnnErrorCode } from './errors.js';
export { RnnError } from './errors.js';

// optimizers
export type { Optimizer, OptimizerName, OptimizerOptions, OptimizerState } from './optimizers.js';
export { createOptimizer, gradientStatistics } from './optimizers.js';
// vocabulary and tokens
export { SENTENCE_END, SENTENCE_START, UNKNOWN_TOKEN } from './tokenizer.js';
// training
export type { TrainOptions } from './train-options.js';
export type { Level, Vocabulary } from './vocabulary.js';
export {
  buildVocabulary,
  DEFAULT_WORD_VOCABULARY_SIZE,
  UNKNOWN_CHARACTER,
  vocabularyFromTokens,
} from './vocabulary.js';
