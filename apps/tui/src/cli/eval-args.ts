// The arguments of `rnn eval`: a checkpoint and a text to score.
import { type FlagSpec, parseFlags } from './parse-flags.js';
import { UsageError } from './usage-error.js';

/**
 * Options of `rnn eval`.
 * @example parseEval(['model.json', 'test.txt']) // { command: 'eval', checkpoint: 'model.json', file: 'test.txt' }
 */
export interface EvalArgs {
  readonly command: 'eval';
  readonly checkpoint: string;
  readonly file: string;
  readonly json?: true;
}

const EVAL_FLAGS: FlagSpec = { json: { type: 'boolean' } };

/**
 * Parses the arguments after `rnn eval`; bad input throws a UsageError.
 * @example parseEval(['model.json', 'test.txt', '--json']).json // true
 */
export function parseEval(argv: readonly string[]): EvalArgs | { command: 'help'; topic: 'eval' } {
  const { values, positionals, help } = parseFlags('eval', argv, EVAL_FLAGS);
  if (help) return { command: 'help', topic: 'eval' };
  const [checkpoint, file, ...extra] = positionals;
  if (checkpoint === undefined || file === undefined) {
    throw new UsageError('give the CHECKPOINT to evaluate and the FILE to score it on');
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  return { command: 'eval', checkpoint, file, ...(values.json === true ? { json: true as const } : {}) };
}
