// The commands of `rnn`: each one's help, argument parser and (lazily loaded) runner, in one registry.
import { type EvalArgs, parseEval } from './eval-args.js';
import { EXPORT_HELP, type ExportArgs, parseExport } from './export-args.js';
import { type GradcheckArgs, parseGradcheck } from './gradcheck-args.js';
import { EVAL_HELP, GRADCHECK_HELP, SAMPLE_HELP, TRAIN_HELP } from './help.js';
import { parseSample, type SampleArgs } from './sample-args.js';
import { parseTrain, type TrainArgs } from './train-args.js';

/**
 * A command of `rnn`: its help text, its parser (arguments after the command name) and its runner, imported only
 * when the command runs so that `rnn --help` stays fast.
 * @example COMMANDS.sample.parse(['model.json']).command // 'sample'
 */
export interface CommandEntry<Args> {
  readonly help: string;
  readonly parse: (argv: readonly string[]) => Args | { command: 'help'; topic: string };
  readonly run: (args: Args) => Promise<number>;
}

const entry = <Args>(command: CommandEntry<Args>): CommandEntry<Args> => command;

/**
 * Every command by name, in the order `rnn --help` lists them. A new command is one entry here, its parser and
 * its runner in src/commands/.
 * @example Object.keys(COMMANDS) // ['train', 'sample', 'eval', 'gradcheck', 'export']
 */
export const COMMANDS = {
  train: entry<TrainArgs>({
    help: TRAIN_HELP,
    parse: parseTrain,
    run: async (args) => (await import('../commands/train.js')).runTrain(args),
  }),
  sample: entry<SampleArgs>({
    help: SAMPLE_HELP,
    parse: parseSample,
    run: async (args) => (await import('../commands/sample.js')).runSample(args),
  }),
  eval: entry<EvalArgs>({
    help: EVAL_HELP,
    parse: parseEval,
    run: async (args) => (await import('../commands/eval.js')).runEval(args),
  }),
  gradcheck: entry<GradcheckArgs>({
    help: GRADCHECK_HELP,
    parse: parseGradcheck,
    run: async (args) => (await import('../commands/gradcheck.js')).runGradcheck(args),
  }),
  export: entry<ExportArgs>({
    help: EXPORT_HELP,
    parse: parseExport,
    run: async (args) => (await import('../commands/export.js')).runExport(args),
  }),
} as const;

/**
 * The name of a command.
 * @example const name: CommandName = 'eval';
 */
export type CommandName = keyof typeof COMMANDS;

/**
 * Whether `name` is a command of `rnn`.
 * @example isCommandName('train') // true
 */
export function isCommandName(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}
