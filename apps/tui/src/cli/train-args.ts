// The flags of `rnn train`, validated into typed options.
import { definedOnly } from './defined-only.js';
import { choiceFlag, fractionFlag, integerFlag, numberFlag } from './flags.js';
import { type FlagSpec, parseFlags, stringValue } from './parse-flags.js';
import { UsageError } from './usage-error.js';

/** The largest seed: any 32-bit unsigned integer. */
export const SEED_MAX = 4294967295;

/**
 * Options of `rnn train`, every flag validated; `file` is undefined for the shipped corpus. Flags that shape the
 * model or the run stay undefined when not given, so that @rnn/core applies its defaults to a fresh run and the
 * checkpoint's values to a resumed one (where a contradicting flag is an error). Switches absent are left out.
 * @example const args = parseTrain(['notes.txt']); // args.file === 'notes.txt'
 */
export interface TrainArgs {
  readonly command: 'train';
  readonly file: string | undefined;
  readonly level: 'char' | 'word' | undefined;
  readonly hiddenSize: number | undefined;
  readonly seqLength: number | undefined;
  readonly batchSize: number | undefined;
  readonly truncate: number | undefined;
  readonly optimizer: 'adagrad' | 'sgd' | undefined;
  readonly learningRate: number | undefined;
  readonly steps: number;
  readonly seed: number | undefined;
  readonly checkpoint: string | undefined;
  readonly resume: string | undefined;
  readonly saveEvery: number;
  readonly sampleEvery: number;
  readonly sampleLength: number;
  readonly logEvery: number;
  readonly json: boolean;
  /** Each gradient entry is clipped to ±clip. */
  readonly clip?: number;
  readonly maxVocabulary?: number;
  /** SGD: steps per window of the halving rule (the library's evaluateEvery). */
  readonly halveEvery?: number;
  /** `false` with --no-halve. */
  readonly halveOnRise?: false;
  /** Steps between validation losses. */
  readonly evalEvery?: number;
  /** The share of the text held out; undefined: 0.05 where the text allows (and the checkpoint's on resume). */
  readonly valFraction?: number;
  /** Replace an existing checkpoint. */
  readonly force?: true;
  /** The element type training computes in; undefined: float64 (a resumed run: the checkpoint's). */
  readonly precision?: 'float32' | 'float64';
}

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const TRAIN_FLAGS: FlagSpec = {
  hidden: str,
  'seq-length': str,
  lr: str,
  optimizer: str,
  level: str,
  steps: str,
  seed: str,
  truncate: str,
  checkpoint: str,
  resume: str,
  json: bool,
  batch: str,
  'sample-every': str,
  'sample-length': str,
  'save-every': str,
  'log-every': str,
  clip: str,
  'max-vocab': str,
  'halve-every': str,
  'no-halve': bool,
  'eval-every': str,
  'val-fraction': str,
  precision: str,
  force: bool,
};

/** Flags that only make sense together with others, or never together. */
function checkCombinations(args: TrainArgs): void {
  if (args.force && args.resume !== undefined) {
    throw new UsageError('--force starts a new run and --resume continues one: give one of them');
  }
  if (args.halveEvery !== undefined && args.halveOnRise === false) {
    throw new UsageError('--halve-every sets the halving window and --no-halve turns halving off: give one');
  }
  const halving =
    args.halveEvery !== undefined ? '--halve-every' : args.halveOnRise === false ? '--no-halve' : '';
  if (halving !== '' && args.optimizer !== 'sgd' && args.resume === undefined) {
    throw new UsageError(`${halving} concerns the SGD optimizer's rate halving: add --optimizer sgd`);
  }
}

/**
 * Parses the arguments after `rnn train`; bad input throws a UsageError naming the flag.
 * @example parseTrain(['a.txt', '--hidden', '64']).hiddenSize // 64
 */
export function parseTrain(argv: readonly string[]): TrainArgs | { command: 'help'; topic: 'train' } {
  const { values: v, positionals, help } = parseFlags('train', argv, TRAIN_FLAGS);
  if (help) return { command: 'help', topic: 'train' };
  if (positionals.length > 1) throw new UsageError(`one FILE at most, got ${positionals.length}`);
  const s = (name: string) => stringValue(v, name);
  const args: TrainArgs = {
    command: 'train',
    file: positionals[0],
    level: choiceFlag('--level', s('level'), ['char', 'word'] as const),
    hiddenSize: integerFlag('--hidden', s('hidden'), 1, 4096),
    seqLength: integerFlag('--seq-length', s('seq-length'), 1, 10000),
    batchSize: integerFlag('--batch', s('batch'), 1, 1024),
    truncate: integerFlag('--truncate', s('truncate'), 1, 10000),
    optimizer: choiceFlag('--optimizer', s('optimizer'), ['adagrad', 'sgd'] as const),
    // Any positive finite rate is the user's to try: a rate that diverges is reported as divergence.
    learningRate: numberFlag('--lr', s('lr'), 0, Number.MAX_VALUE),
    steps: integerFlag('--steps', s('steps'), 1, 1e9, 10000),
    seed: integerFlag('--seed', s('seed'), 0, SEED_MAX),
    checkpoint: s('checkpoint'),
    resume: s('resume'),
    saveEvery: integerFlag('--save-every', s('save-every'), 0, 1e9, 1000),
    sampleEvery: integerFlag('--sample-every', s('sample-every'), 0, 1e9, 500),
    sampleLength: integerFlag('--sample-length', s('sample-length'), 1, 10000, 200),
    logEvery: integerFlag('--log-every', s('log-every'), 1, 1e9, 10),
    json: v.json === true,
    ...definedOnly({
      clip: numberFlag('--clip', s('clip'), 0, Number.MAX_VALUE),
      maxVocabulary: integerFlag('--max-vocab', s('max-vocab'), 2, 1_000_000),
      halveEvery: integerFlag('--halve-every', s('halve-every'), 1, 1e9),
      halveOnRise: v['no-halve'] === true ? (false as const) : undefined,
      evalEvery: integerFlag('--eval-every', s('eval-every'), 1, 1e9),
      valFraction: fractionFlag('--val-fraction', s('val-fraction')),
      precision: choiceFlag('--precision', s('precision'), ['float32', 'float64'] as const),
      force: v.force === true ? (true as const) : undefined,
    }),
  };
  checkCombinations(args);
  return args;
}
