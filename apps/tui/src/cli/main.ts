// Dispatches `rnn`'s commands; a UsageError becomes one line on stderr and exit status 2, never a stack trace.
import { VERSION } from '../build-info.js';
import { type Command, parseCommand } from './args.js';
import { COMMANDS, type CommandEntry, isCommandName } from './commands.js';
import { MAIN_HELP } from './help.js';
import { UsageError } from './usage-error.js';

async function execute(command: Command): Promise<number> {
  switch (command.command) {
    case 'help':
      process.stdout.write(`${command.topic === 'main' ? MAIN_HELP : COMMANDS[command.topic].help}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    default:
      // The parser of COMMANDS[name] made `command`, so it is the runner's argument type.
      return (COMMANDS[command.command] as CommandEntry<Command>).run(command);
  }
}

/**
 * Runs `rnn` with `argv` (the arguments after the script) and resolves to the exit status.
 * @example process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[]): Promise<number> {
  const name = isCommandName(argv[0]) ? `rnn ${argv[0]}` : 'rnn';
  try {
    return await execute(parseCommand(argv));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: ${message}\n`);
    if (!(error instanceof UsageError) && process.env.RNN_DEBUG) console.error(error);
    return error instanceof UsageError ? 2 : 1;
  }
}
