// Dispatches `rnn`'s commands; a UsageError becomes one line on stderr and exit status 2, never a stack trace.
import { VERSION } from '../build-info.js';
import { type Command, parseCommand } from './args.js';
import { EXPORT_HELP, parseExport } from './export-args.js';
import { GRADCHECK_HELP, MAIN_HELP, SAMPLE_HELP, TRAIN_HELP } from './help.js';
import { UsageError } from './usage-error.js';

const HELP = { main: MAIN_HELP, train: TRAIN_HELP, sample: SAMPLE_HELP, gradcheck: GRADCHECK_HELP } as const;

async function execute(command: Command): Promise<number> {
  switch (command.command) {
    case 'help':
      process.stdout.write(`${HELP[command.topic]}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case 'train':
      return (await import('../commands/train.js')).runTrain(command);
    case 'sample':
      return (await import('../commands/sample.js')).runSample(command);
    case 'gradcheck':
      return (await import('../commands/gradcheck.js')).runGradcheck(command);
  }
}

/** `rnn export`, parsed and run by its own files (cli/export-args.ts, commands/export.ts). */
async function runExportCommand(argv: readonly string[]): Promise<number> {
  const command = parseExport(argv);
  if (command.command === 'help') {
    process.stdout.write(`${EXPORT_HELP}\n`);
    return 0;
  }
  return (await import('../commands/export.js')).runExport(command);
}

/**
 * Runs `rnn` with `argv` (the arguments after the script) and resolves to the exit status.
 * @example process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[]): Promise<number> {
  const name = ['train', 'sample', 'gradcheck', 'export'].includes(argv[0] ?? '') ? `rnn ${argv[0]}` : 'rnn';
  try {
    if (argv[0] === 'export') return await runExportCommand(argv.slice(1));
    return await execute(parseCommand(argv));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: ${message}\n`);
    if (!(error instanceof UsageError) && process.env.RNN_DEBUG) console.error(error);
    return error instanceof UsageError ? 2 : 1;
  }
}
