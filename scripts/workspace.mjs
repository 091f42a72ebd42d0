#!/usr/bin/env node
// The README's two commands: install the workspace with the pinned pnpm, then test it or start the trainer.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Runs a command in the workspace root and exits with its status when it fails. */
function run(command, args, quiet = false) {
  if (!quiet) console.error(`\n> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs the pinned pnpm (from package.json's packageManager) without any global install. */
const pnpm = (...args) => run(npx, ['--yes', packageManager, ...args]);

const [task = 'test', ...rest] = process.argv.slice(2);
pnpm('install', '--frozen-lockfile');

if (task === 'test') {
  pnpm(
    'exec',
    'turbo',
    'run',
    'build',
    'typecheck',
    'lint',
    'test',
    '--continue',
    '--output-logs=new-only',
    ...rest,
  );
} else if (task === 'start') {
  pnpm('exec', 'turbo', 'run', 'build', '--filter=@rnn/tui...', '--output-logs=errors-only');
  const cli = join(root, 'apps/tui/dist/cli.js');
  if (!existsSync(cli)) {
    console.error('The trainer is not built yet (apps/tui has no dist/cli.js).');
    process.exit(1);
  }
  const args = rest.length > 0 ? rest : ['train'];
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? (result.signal === 'SIGINT' ? 130 : 1));
} else {
  console.error(`Unknown task "${task}": use "test" or "start".`);
  process.exit(2);
}
