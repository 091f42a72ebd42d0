// The flags of `rnn gradcheck`: the size of the random model whose gradients are checked.
import { integerFlag } from './flags.js';
import { type FlagSpec, parseFlags, stringValue } from './parse-flags.js';
import { SEED_MAX } from './train-args.js';
import { UsageError } from './usage-error.js';

/**
 * Options of `rnn gradcheck`.
 * @example parseGradcheck([]) // { command: 'gradcheck', hiddenSize: 5, vocabSize: 4, length: 6, seed: 1 }
 */
export interface GradcheckArgs {
  readonly command: 'gradcheck';
  readonly hiddenSize: number;
  readonly vocabSize: number;
  readonly length: number;
  readonly seed: number;
}

const GRADCHECK_FLAGS: FlagSpec = {
  hidden: { type: 'string' },
  vocab: { type: 'string' },
  length: { type: 'string' },
  seed: { type: 'string' },
};

/**
 * Parses the arguments after `rnn gradcheck`; bad input throws a UsageError naming the flag.
 * @example parseGradcheck(['--hidden', '3']).hiddenSize // 3
 */
export function parseGradcheck(
  argv: readonly string[],
): GradcheckArgs | { command: 'help'; topic: 'gradcheck' } {
  const { values: v, positionals, help } = parseFlags('gradcheck', argv, GRADCHECK_FLAGS);
  if (help) return { command: 'help', topic: 'gradcheck' };
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const s = (name: string) => stringValue(v, name);
  return {
    command: 'gradcheck',
    hiddenSize: integerFlag('--hidden', s('hidden'), 1, 64, 5),
    vocabSize: integerFlag('--vocab', s('vocab'), 2, 64, 4),
    length: integerFlag('--length', s('length'), 1, 32, 6),
    seed: integerFlag('--seed', s('seed'), 0, SEED_MAX, 1),
  };
}
