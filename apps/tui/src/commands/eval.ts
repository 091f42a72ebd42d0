// `rnn eval`: the mean loss of a saved model on a text, in nats, bits per token and (word level) perplexity.
import { basename } from 'node:path';
import type { EvalArgs } from '../cli/args.js';
import { loadModel } from '../cli/load-model.js';
import { readTrainingText } from '../cli/text-file.js';
import { UsageError } from '../cli/usage-error.js';
import { toJson } from '../render/json-lines.js';
import { formatInteger, formatLoss } from '../ui/format.js';

/**
 * Scores FILE with the model of CHECKPOINT (no update) and prints the result as a line, or one JSON object.
 * A character the vocabulary lacks is a UsageError naming it; unknown words (word level) count as <unk>.
 * @example await runEval({ command: 'eval', checkpoint: 'notes.checkpoint.json', file: 'test.txt' }) // 0
 */
export async function runEval(args: EvalArgs): Promise<number> {
  const text = readTrainingText(args.file);
  const checkpoint = await loadModel(args.checkpoint);
  const { evaluate, RnnError, UNKNOWN_TOKEN } = await import('@rnn/core');
  let result: ReturnType<typeof evaluate>;
  try {
    result = evaluate(checkpoint, text);
  } catch (error) {
    if (error instanceof RnnError && (error.code === 'unknown-token' || error.code === 'empty-text'))
      throw new UsageError(`${args.file}: ${error.message}`);
    throw error;
  }
  const word = checkpoint.vocabulary.level === 'word';
  if (args.json) {
    const { tokens, loss, bitsPerToken, perplexity, unknownTokens } = result;
    const record = { checkpoint: args.checkpoint, file: args.file, tokens, loss, bitsPerToken, perplexity };
    process.stdout.write(`${toJson({ ...record, unknownTokens })}\n`);
    return 0;
  }
  const unit = word ? 'word' : 'char';
  const measures = [
    `${formatLoss(result.loss)} nats/${unit}`,
    `${result.bitsPerToken.toFixed(3)} bits/${unit}`,
  ];
  if (word) measures.push(`perplexity ${result.perplexity.toPrecision(4)}`);
  const unknown = result.unknownTokens.length;
  const note =
    word && unknown > 0 ? ` (${formatInteger(unknown)} distinct words read as ${UNKNOWN_TOKEN})` : '';
  const scored = `${formatInteger(result.tokens)} ${word ? 'tokens' : 'characters'}${note}`;
  process.stdout.write(`${basename(args.file)}: mean loss ${measures.join(' · ')} over ${scored}\n`);
  return 0;
}
