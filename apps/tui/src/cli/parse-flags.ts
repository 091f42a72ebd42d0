// Strict flag parsing shared by every command: node:util's parseArgs, -h/--help, errors as one-line usage errors.
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/**
 * The flags a command accepts: each a string (takes a value) or a boolean (a switch).
 * @example const spec: FlagSpec = { hidden: { type: 'string' }, json: { type: 'boolean' } };
 */
export type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;

/**
 * Flag values by name and the positional arguments, as parsed.
 * @example const { values, positionals } = parseFlags('train', ['a.txt', '--json'], spec);
 */
export interface ParsedFlags {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
  /** -h or --help was given. */
  readonly help: boolean;
}

/**
 * parseArgs in strict mode with `-h`/`--help` added, its errors turned into one-line usage errors naming the
 * command. A negative number after a flag that takes a value is that value (`--hidden -3`), so that it meets the
 * range check rather than an "unknown flag -3".
 * @example parseFlags('sample', ['c.json', '--length', '9'], { length: { type: 'string' } }).values.length // '9'
 */
export function parseFlags(command: string, argv: readonly string[], spec: FlagSpec): ParsedFlags {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(argv, spec),
      options: { ...spec, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    const { help, ...rest } = values;
    return { values: rest, positionals, help: help === true };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`unknown flag ${unknown[1]} (see rnn ${command} --help)`);
    throw new UsageError(message);
  }
}

/** `--hidden -3` → `--hidden=-3`, so that a negative number reaches the range check instead of parseArgs. */
function joinNegativeValues(argv: readonly string[], spec: FlagSpec): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    if (spec[name]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  return args;
}

/**
 * The string value of flag `name`, or undefined when it was not given.
 * @example stringValue(parsed.values, 'prime') // 'The '
 */
export function stringValue(values: ParsedFlags['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
