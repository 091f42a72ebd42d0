// evaluate(): the mean loss of a trained model on another text (Keras's evaluate), forward only.
import type { Checkpoint } from './checkpoint/checkpoint.js';
import { RnnError } from './errors.js';
import { streamLoss } from './model/stream-loss.js';
import { paramsOf } from './sampling/sample-text.js';
import { unknownTokens, vocabularyFromTokens } from './text/vocabulary.js';

/**
 * What {@link evaluate} measured.
 *
 * @example
 * ```ts
 * const { loss, bitsPerToken, perplexity }: Evaluation = evaluate(checkpoint, text);
 * ```
 */
export interface Evaluation {
  /** Predictions scored: the text's tokens less the first, which has no predecessor. */
  readonly tokens: number;
  /** Mean cross-entropy per predicted token, equation (2), in nats. */
  readonly loss: number;
  /** `loss` in bits (bits per character at char level). */
  readonly bitsPerToken: number;
  /** e^loss, how many equally likely tokens the model is as unsure as (the usual measure at word level). */
  readonly perplexity: number;
  /** Distinct tokens of the text outside the vocabulary: at word level they were scored as `<unk>`. */
  readonly unknownTokens: readonly string[];
}

/**
 * Scores `text` with a trained model: the mean cross-entropy of each token given those before it, the model run
 * from a zero state over the whole text (in bounded memory), with no update. Word-level tokens outside the
 * vocabulary count as `<unk>` (listed in `unknownTokens`); at char level a character the vocabulary lacks throws
 * RnnError `unknown-token` naming the first one (unless the vocabulary was capped and has U+FFFD).
 *
 * @example
 * ```ts
 * const result = evaluate(loadCheckpoint('harbour-tales.checkpoint.json'), 'The harbour was quiet.');
 * result.loss;         // e.g. 1.9 nats per character
 * result.bitsPerToken; // e.g. 2.7 bits per character
 * ```
 */
export function evaluate(checkpoint: Checkpoint, text: string): Evaluation {
  const vocabulary = vocabularyFromTokens(checkpoint.vocabulary.level, checkpoint.vocabulary.tokens);
  const ids = vocabulary.encode(text);
  if (ids.length < 2) {
    throw new RnnError(
      'empty-text',
      `evaluate: the text has ${ids.length} token${ids.length === 1 ? '' : 's'}; scoring needs two at least (an input and its target)`,
    );
  }
  const { loss, predictions } = streamLoss(paramsOf(checkpoint), ids);
  return {
    tokens: predictions,
    loss,
    bitsPerToken: loss / Math.LN2,
    perplexity: Math.exp(loss),
    unknownTokens: unknownTokens(vocabulary, text),
  };
}
