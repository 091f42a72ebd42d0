// The validation split: the end of the text held out (char-rnn's val_frac), and the fixed sample scored on it.
import { RnnError } from '../errors.js';

/**
 * At most this many held-out tokens are scored at each evaluation: the first ones of the held-out part, the same
 * every time, so that evaluations compare and cost a bounded time.
 *
 * @example
 * ```ts
 * MAX_EVAL_TOKENS; // 20000
 * ```
 */
export const MAX_EVAL_TOKENS = 20_000;

/**
 * How a text's token ids divide between training and validation.
 *
 * @example
 * ```ts
 * const split = splitValidation(ids, { fraction: 0.05, optional: true, seqLength: 25, batchSize: 1 });
 * split.training.length + split.heldOut; // ids.length
 * ```
 */
export interface ValidationSplit {
  /** The tokens trained on: the start of the text, before it is divided into batch streams. */
  readonly training: Int32Array;
  /** The share held out (0 when there is no split). */
  readonly fraction: number;
  /** Tokens held out at the end of the text. */
  readonly heldOut: number;
  /** The fixed evaluation sample: the first min(heldOut, MAX_EVAL_TOKENS + 1) held-out tokens. */
  readonly sample: Int32Array;
  /** Why a requested split was left out (a text too short for it), for the user. */
  readonly notice: string | undefined;
}

const percent = (fraction: number): string => `${Number((fraction * 100).toPrecision(6))}%`;

/**
 * Holds out the last ⌊n · fraction⌋ of n tokens. Both sides must hold one sequence at least: training
 * batchSize × seqLength + 1 tokens (one step), validation seqLength + 1. When they do not, an `optional` split
 * is left out (the notice says so) and a required one throws RnnError `bad-argument`.
 *
 * @example
 * ```ts
 * const { training, sample } = splitValidation(Int32Array.from({ length: 100 }, (_, i) => i % 7), {
 *   fraction: 0.1, optional: false, seqLength: 5, batchSize: 1,
 * });
 * [training.length, sample.length]; // [90, 10]
 * ```
 */
export function splitValidation(
  data: Int32Array,
  options: { fraction: number; optional: boolean; seqLength: number; batchSize: number },
): ValidationSplit {
  const { fraction, optional, seqLength, batchSize } = options;
  if (!(typeof fraction === 'number' && fraction >= 0 && fraction < 1)) {
    throw new RnnError(
      'bad-argument',
      `validationFraction must be a number in [0, 1), got ${String(fraction)}`,
    );
  }
  const none = (notice?: string): ValidationSplit => ({
    training: data,
    fraction: 0,
    heldOut: 0,
    sample: new Int32Array(0),
    notice,
  });
  if (fraction === 0) return none();
  const heldOut = Math.floor(data.length * fraction);
  const trainingNeeds = batchSize * seqLength + 1;
  const validationNeeds = seqLength + 1;
  if (heldOut < validationNeeds || data.length - heldOut < trainingNeeds) {
    const why =
      `the text has ${data.length} tokens: holding out ${percent(fraction)} leaves ${data.length - heldOut} ` +
      `for training and ${heldOut} for validation, but training needs batchSize × seqLength + 1 = ` +
      `${trainingNeeds} and validation seqLength + 1 = ${validationNeeds}`;
    if (optional) return none(`no validation split: ${why}; training on the whole text`);
    throw new RnnError('bad-argument', why);
  }
  const start = data.length - heldOut;
  return {
    training: data.subarray(0, start),
    fraction,
    heldOut,
    sample: data.subarray(start, start + Math.min(heldOut, MAX_EVAL_TOKENS + 1)),
    notice: undefined,
  };
}
