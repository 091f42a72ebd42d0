// Public API of @rnn/core: explicit named exports, sorted by module path (Biome's order).

export type { Backprop, BackpropShape } from './backprop.js';
export { createBackprop } from './backprop.js';
export type { Checkpoint, Hyperparameters, TrainingProgress } from './checkpoint.js';
export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from './checkpoint.js';
export { loadCheckpoint, saveCheckpoint } from './checkpoint-file.js';
export { CORPUS_FILE_NAME, corpusCandidates, DEFAULT_CORPUS_PATH } from './corpus.js';
export type { Contraction, Equation } from './equations.js';
export { EQUATIONS } from './equations.js';
export type { RnnErrorCode } from './errors.js';
export { RnnError } from './errors.js';
export type { Forward } from './forward.js';
export { forward } from './forward.js';
export type { GradcheckReport, GradcheckRow } from './gradcheck.js';
export { GRADCHECK_FLOOR, GRADCHECK_TOLERANCE, gradcheck } from './gradcheck.js';
export type { GradientOptions, Gradients } from './gradients.js';
export { gradients } from './gradients.js';
export { loss } from './loss.js';
export { maxRelativeError, numericalGradients } from './numerical.js';
export type { Optimizer, OptimizerName, OptimizerOptions, OptimizerState } from './optimizers.js';
export { createOptimizer, gradientStatistics } from './optimizers.js';
export type { Params } from './params.js';
export { initParams } from './params.js';
export { Random } from './random.js';
export type { SampleOptions } from './sampling.js';
export { sampleText } from './sampling.js';
export { SENTENCE_END, SENTENCE_START, UNKNOWN_TOKEN } from './tokenizer.js';
export type { TrainEvent, Trainer } from './train-events.js';
export type { TrainOptions } from './train-options.js';
export { createTrainer, train } from './trainer.js';
export type { Level, Vocabulary } from './vocabulary.js';
export {
  buildVocabulary,
  DEFAULT_WORD_VOCABULARY_SIZE,
  UNKNOWN_CHARACTER,
  vocabularyFromTokens,
} from './vocabulary.js';
