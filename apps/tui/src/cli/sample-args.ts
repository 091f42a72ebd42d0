// The flags of `rnn sample`, validated; defaults are @rnn/core's sampleText defaults.
import { integerFlag, numberFlag } from './flags.js';
import { type FlagSpec, parseFlags, stringValue } from './parse-flags.js';
import { SEED_MAX } from './train-args.js';
import { UsageError } from './usage-error.js';

/**
 * Options of `rnn sample`; `temperature` is undefined when not given (1 then), switches absent are left out.
 * @example parseSample(['run.json']) // { command: 'sample', checkpoint: 'run.json', length: 200, seed: 1, … }
 */
export interface SampleArgs {
  readonly command: 'sample';
  readonly checkpoint: string;
  readonly length: number;
  readonly temperature: number | undefined;
  readonly seed: number;
  readonly prime: string | undefined;
  readonly topK?: number;
  readonly argmax?: true;
  readonly json?: true;
}

const SAMPLE_FLAGS: FlagSpec = {
  length: { type: 'string' },
  temperature: { type: 'string' },
  seed: { type: 'string' },
  prime: { type: 'string' },
  'top-k': { type: 'string' },
  argmax: { type: 'boolean' },
  json: { type: 'boolean' },
};

/**
 * Parses the arguments after `rnn sample`; bad input throws a UsageError naming the flag.
 * @example parseSample(['c.json', '--argmax']).argmax // true
 */
export function parseSample(argv: readonly string[]): SampleArgs | { command: 'help'; topic: 'sample' } {
  const { values: v, positionals, help } = parseFlags('sample', argv, SAMPLE_FLAGS);
  if (help) return { command: 'help', topic: 'sample' };
  const [checkpoint, ...extra] = positionals;
  if (checkpoint === undefined) throw new UsageError('give the CHECKPOINT file to sample from');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const s = (name: string) => stringValue(v, name);
  const argmax = v.argmax === true;
  for (const flag of ['temperature', 'top-k']) {
    if (argmax && s(flag) !== undefined) {
      throw new UsageError(`--argmax takes the most likely token every time: --${flag} does not apply`);
    }
  }
  const topK = integerFlag('--top-k', s('top-k'), 1, 1_000_000);
  return {
    command: 'sample',
    checkpoint,
    length: integerFlag('--length', s('length'), 1, 100000, 200),
    temperature: numberFlag('--temperature', s('temperature'), 0, 100),
    seed: integerFlag('--seed', s('seed'), 0, SEED_MAX, 1),
    prime: s('prime'),
    ...(topK === undefined ? {} : { topK }),
    ...(argmax ? { argmax: true as const } : {}),
    ...(v.json === true ? { json: true as const } : {}),
  };
}
