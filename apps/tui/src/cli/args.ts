// The command line of `rnn`: the command, then its flags and positionals, validated into typed options.
import { COMMANDS, type CommandName, isCommandName } from './commands.js';
import type { EvalArgs } from './eval-args.js';
import type { ExportArgs } from './export-args.js';
import type { GradcheckArgs } from './gradcheck-args.js';
import type { SampleArgs } from './sample-args.js';
import type { TrainArgs } from './train-args.js';
import { UsageError } from './usage-error.js';

export type { EvalArgs } from './eval-args.js';
export type { ExportArgs } from './export-args.js';
export type { GradcheckArgs } from './gradcheck-args.js';
export type { SampleArgs } from './sample-args.js';
export type { TrainArgs } from './train-args.js';

/**
 * What the command line asks for.
 * @example parseCommand(['--version']) // { command: 'version' }
 */
export type Command =
  | TrainArgs
  | SampleArgs
  | EvalArgs
  | GradcheckArgs
  | ExportArgs
  | { readonly command: 'help'; readonly topic: 'main' | CommandName }
  | { readonly command: 'version' };

/** "a, b, c or d" */
const listed = (names: readonly string[]): string =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;

/**
 * Parses `rnn`'s arguments (without node and the script); bad input throws a UsageError.
 * @example parseCommand(['train', 'a.txt', '--hidden', '64']).command // 'train'
 */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { command: 'help', topic: 'main' };
  }
  if (first === '--version' || first === '-v') return { command: 'version' };
  if (isCommandName(first)) return COMMANDS[first].parse(rest) as Command;
  throw new UsageError(
    first.startsWith('-')
      ? `unknown flag ${first} (see rnn --help)`
      : `unknown command "${first}": use ${listed(Object.keys(COMMANDS))}`,
  );
}
