// Public API of @rnn/core, for any JavaScript runtime: explicit named exports, sorted by module path (Biome's
// order). Files and the corpus on disk are in '@rnn/core/node'.

/**
 * A vanilla RNN whose gradients are einsum contractions: the model, its equations, gradients, training, sampling
 * and checkpoints as text, for any JavaScript runtime.
 *
 * @module @rnn/core
 */

export type {
  Checkpoint,
  Hyperparameters,
  Precision,
  TrainingProgress,
  ValidationProgress,
} from './checkpoint/checkpoint.js';
export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, precisionOf } from './checkpoint/checkpoint.js';
export { checkpointFromJson, checkpointToJson } from './checkpoint/json.js';
export type { SafetensorsCheckpoint, SafetensorsOptions } from './checkpoint/safetensors.js';
export { checkpointFromSafetensors, checkpointToSafetensors } from './checkpoint/safetensors.js';
export { SAFETENSORS_FORMAT, SAFETENSORS_VERSION, TENSOR_NAMES } from './checkpoint/safetensors-metadata.js';
export type { RnnErrorCode } from './errors.js';
export { RnnError } from './errors.js';
export type { Evaluation } from './evaluate.js';
export { evaluate } from './evaluate.js';
export type { GradientFlow } from './gradients/flow.js';
export { GRADIENT_FLOW_FLOOR, gradientFlow } from './gradients/flow.js';
export type { GradcheckReport, GradcheckRow } from './gradients/gradcheck.js';
export { GRADCHECK_FLOOR, GRADCHECK_TOLERANCE, gradcheck } from './gradients/gradcheck.js';
export { gradients } from './gradients/gradients.js';
export { maxRelativeError, numericalGradients } from './gradients/numerical.js';
export type { GradientOptions, Gradients } from './gradients/types.js';
export type { Contraction, Equation } from './model/equations.js';
export { EQUATIONS } from './model/equations.js';
export type { Forward } from './model/forward.js';
export { forward } from './model/forward.js';
export { loss } from './model/loss.js';
export type { Params } from './model/params.js';
export { initParams } from './model/params.js';
export { Random } from './random.js';
export { decodeSafetensors } from './safetensors/decode.js';
export { encodeSafetensors } from './safetensors/encode.js';
export type { SafetensorsContents, SafetensorsDtype, SafetensorsTensor } from './safetensors/format.js';
export type { NextToken } from './sampling/next-token.js';
export { nextTokenModel } from './sampling/next-token.js';
export type { SampleOptions, SampleVocabulary } from './sampling/sample-text.js';
export { sampleText } from './sampling/sample-text.js';
export { SENTENCE_END, SENTENCE_START, UNKNOWN_TOKEN } from './text/tokenizer.js';
export type { Level, Vocabulary } from './text/vocabulary.js';
export {
  buildVocabulary,
  DEFAULT_WORD_VOCABULARY_SIZE,
  UNKNOWN_CHARACTER,
  unknownTokens,
  vocabularyFromTokens,
} from './text/vocabulary.js';
export { DIVERGENCE_FACTOR, DIVERGENCE_GRACE_STEPS } from './training/divergence.js';
export type {
  CheckpointEvent,
  ErrorEvent,
  EvalEvent,
  GradientFlowEvent,
  SaveFailedEvent,
  StartEvent,
  StepEvent,
  TrainEvent,
  Trainer,
} from './training/events.js';
export type {
  Optimizer,
  OptimizerName,
  OptimizerOptions,
  OptimizerSlot,
  OptimizerState,
} from './training/optimizers/optimizer.js';
export { createOptimizer, gradientStatistics } from './training/optimizers/optimizer.js';
export type { TextNeeds } from './training/options.js';
export { textNeeds } from './training/options.js';
export type { ModelTensors, TrainingStep, TrainingStepShape } from './training/step.js';
export { createTrainingStep } from './training/step.js';
export type { TrainOptions } from './training/train-options.js';
export { createTrainer, train } from './training/trainer.js';
export { MAX_EVAL_TOKENS } from './training/validation.js';
