// The command line of `rnn`: subcommand, flags and positionals, validated into typed options.
import { parseArgs } from 'node:util';
import { choiceFlag, integerFlag, numberFlag } from './flags.js';
import { UsageError } from './usage-error.js';

const SEED_MAX = 4294967295;

/**
 * Options of `rnn train`, every flag validated; `file` is undefined for the shipped corpus. Flags that shape
 * the model stay undefined when not given, so that @rnn/core applies its defaults to a fresh run and the
 * checkpoint's values to a resumed one (where a contradicting flag is an error).
 * @example const args = parseCommand(['train', 'notes.txt']) as TrainArgs; // args.file === 'notes.txt'
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
}

/**
 * Options of `rnn sample`.
 * @example parseCommand(['sample', 'run.json']) // { command: 'sample', checkpoint: 'run.json', length: 500, … }
 */
export interface SampleArgs {
  readonly command: 'sample';
  readonly checkpoint: string;
  readonly length: number;
  readonly temperature: number;
  readonly seed: number;
  readonly prime: string | undefined;
}

/**
 * Options of `rnn gradcheck`.
 * @example parseCommand(['gradcheck']) // { command: 'gradcheck', hiddenSize: 5, vocabSize: 4, length: 6, seed: 1 }
 */
export interface GradcheckArgs {
  readonly command: 'gradcheck';
  readonly hiddenSize: number;
  readonly vocabSize: number;
  readonly length: number;
  readonly seed: number;
}

/**
 * What the command line asks for.
 * @example parseCommand(['--version']) // { command: 'version' }
 */
export type Command =
  | TrainArgs
  | SampleArgs
  | GradcheckArgs
  | { readonly command: 'help'; readonly topic: 'main' | 'train' | 'sample' | 'gradcheck' }
  | { readonly command: 'version' };

type Spec = Record<string, { type: 'string' | 'boolean' }>;
const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;

/** parseArgs in strict mode, its errors turned into one-line usage errors naming the command. */
function parse(
  command: string,
  argv: readonly string[],
  options: Spec,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({
      args: joinNegativeValues(argv, options),
      options: { ...options, help: bool },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`unknown flag ${unknown[1]} (see rnn ${command} --help)`);
    throw new UsageError(message);
  }
}

/** `--hidden -3` → `--hidden=-3`, so that a negative number reaches the range check instead of parseArgs. */
function joinNegativeValues(argv: readonly string[], options: Spec): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    if (options[name]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  return args;
}

function parseTrain(argv: readonly string[]): Command {
  const { values: v, positionals } = parse('train', argv, {
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
  });
  if (v.help) return { command: 'help', topic: 'train' };
  if (positionals.length > 1) throw new UsageError(`one FILE at most, got ${positionals.length}`);
  const s = (name: string) => v[name] as string | undefined;
  return {
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
  };
}

function parseSample(argv: readonly string[]): Command {
  const { values: v, positionals } = parse('sample', argv, {
    length: str,
    temperature: str,
    seed: str,
    prime: str,
  });
  if (v.help) return { command: 'help', topic: 'sample' };
  const [checkpoint, ...extra] = positionals;
  if (checkpoint === undefined) throw new UsageError('give the CHECKPOINT file to sample from');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const s = (name: string) => v[name] as string | undefined;
  return {
    command: 'sample',
    checkpoint,
    length: integerFlag('--length', s('length'), 1, 100000, 500),
    temperature: numberFlag('--temperature', s('temperature'), 0, 100, 1) ?? 1,
    seed: integerFlag('--seed', s('seed'), 0, SEED_MAX, 42),
    prime: s('prime'),
  };
}

function parseGradcheck(argv: readonly string[]): Command {
  const { values: v, positionals } = parse('gradcheck', argv, {
    hidden: str,
    vocab: str,
    length: str,
    seed: str,
  });
  if (v.help) return { command: 'help', topic: 'gradcheck' };
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const s = (name: string) => v[name] as string | undefined;
  return {
    command: 'gradcheck',
    hiddenSize: integerFlag('--hidden', s('hidden'), 1, 64, 5),
    vocabSize: integerFlag('--vocab', s('vocab'), 2, 64, 4),
    length: integerFlag('--length', s('length'), 1, 32, 6),
    seed: integerFlag('--seed', s('seed'), 0, SEED_MAX, 1),
  };
}

/**
 * Parses `rnn`'s arguments (without node and the script); bad input throws a UsageError.
 * @example parseCommand(['train', 'a.txt', '--hidden', '64']).command // 'train'
 */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      return { command: 'help', topic: 'main' };
    case '--version':
    case '-v':
      return { command: 'version' };
    case 'train':
      return parseTrain(rest);
    case 'sample':
      return parseSample(rest);
    case 'gradcheck':
      return parseGradcheck(rest);
    default:
      throw new UsageError(
        first.startsWith('-')
          ? `unknown flag ${first} (see rnn --help)`
          : `unknown command "${first}": use train, sample or gradcheck`,
      );
  }
}
