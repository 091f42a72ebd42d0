// TrainOptions: what train() and createTrainer() accept; options.ts resolves their defaults and checks them.
import type { Checkpoint, Precision } from '../checkpoint/checkpoint.js';
import type { Level } from '../text/vocabulary.js';
import type { OptimizerName } from './optimizers/optimizer.js';

/**
 * Options of {@link train} and {@link createTrainer}; every field but `text` has a default.
 *
 * @example
 * ```ts
 * const options: TrainOptions = { text: 'hello world', level: 'char', hiddenSize: 32, seqLength: 5, steps: 100 };
 * for await (const event of train(options)) console.log(event.type);
 * ```
 */
export interface TrainOptions {
  /** The training text. */
  text: string;
  /** Token granularity (default 'char'). */
  level?: Level;
  /** Hidden units H (default 100). */
  hiddenSize?: number;
  /** Tokens per chunk, the BPTT length (default 25). */
  seqLength?: number;
  /** Default 0.1 for Adagrad (min-char-rnn), 0.5 for SGD (per-token mean loss, so larger than the tutorial's 0.005). */
  learningRate?: number;
  /** Default 'adagrad'. */
  optimizer?: OptimizerName;
  /** Optimizer updates to run in this call (default: unbounded, until the consumer stops iterating). */
  steps?: number;
  /** Seeds the parameters and the samples (default 1). */
  seed?: number;
  /** Truncated BPTT horizon (default: none, full BPTT over each chunk). */
  truncate?: number;
  /** B parallel streams over B equal segments of the text (default 1). */
  batchSize?: number;
  /** A 'step' event every logEvery steps (default 1). */
  logEvery?: number;
  /** A 'sample' event every sampleEvery steps; 0 for none (default 1000). */
  sampleEvery?: number;
  /** Tokens per sample event (default 200). */
  sampleLength?: number;
  /**
   * Continue this checkpoint's run: its hyperparameters apply, and options that contradict them throw; a
   * `learningRate` given with `resume` replaces the checkpoint's current rate from the next step on.
   */
  resume?: Checkpoint;
  /** The name of the text, for display (default 'text'). */
  source?: string;
  /** Vocabulary cap (default: none for char, 8000 for word). */
  maxVocabulary?: number;
  /** Each gradient entry is clipped to ±clip before the update (default 5, min-char-rnn). */
  clip?: number;
  /** SGD: steps per loss evaluation of the halving rule (default 100). */
  evaluateEvery?: number;
  /** SGD: halve the learning rate when the evaluated loss rises (default true). */
  halveOnRise?: boolean;
  /**
   * The element type training computes in: 'float64' (default) or 'float32' (about twice the arithmetic rate,
   * rounding 2^29 times coarser). With `resume`, a precision that differs from the checkpoint's converts its
   * parameters and optimizer state (float32 → float64 is exact; float64 → float32 rounds to nearest).
   */
  precision?: Precision;
  /**
   * The share of the text held out at its end for validation, in [0, 1) (default 0: none; char-rnn uses 0.05).
   * Both sides must hold one sequence at least; otherwise this throws, unless `validationOptional` is set.
   * On resume the checkpoint's share applies, and a different one throws (a checkpoint that records none, from
   * before validation or from a safetensors file, takes this option).
   */
  validationFraction?: number;
  /** When the text is too short for `validationFraction`, train on all of it and say so (default false: throw). */
  validationOptional?: boolean;
  /**
   * An 'eval' event every validateEvery steps and at the last step: the mean loss of a fixed held-out sample
   * (at most 20,000 tokens), with the current parameters and no update (default 1000).
   */
  validateEvery?: number;
  /**
   * A 'gradient-flow' event at most this often, in seconds of wall time, the measurements taking at most 4% of
   * the run's time (default: none). See {@link gradientFlow}.
   */
  gradientFlowEverySeconds?: number;
  /**
   * Stop with an 'error' event (reason 'diverged') when, after step 100, the smoothed loss exceeds 3 · ln K, three
   * times the loss of a uniform guess (default true). A loss or gradient that is not finite always stops the run.
   */
  stopOnDivergence?: boolean;
}
