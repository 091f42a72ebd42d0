// Entry point of the `rnn` bin (bundled to dist/cli.js): runs the command, then exits with its status.
import { main } from './cli/main.js';

const status = await main(process.argv.slice(2));
process.exitCode = status;
// Exit even if a handle lingers (a worker being terminated, stdin after raw mode); output is flushed first.
setTimeout(() => process.exit(status), 1000).unref();
