#!/usr/bin/env node
// `npm run test:torch`: the round trip through real PyTorch. Installs Debian's python3-torch (PyTorch 1.13 for
// /usr/bin/python3) with apt when it is missing, builds the workspace, then runs apps/tui's torch tests.
// With --record, their figures replace apps/tui/test/torch/results.json, the file the docs quote; without it they
// go to apps/tui/test-output/torch-results.json, so that a run (CI's) changes no tracked file.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const python = process.env.RNN_TORCH_PYTHON ?? '/usr/bin/python3';

/** Runs a command in the workspace root (inheriting the terminal) and exits with its status when it fails. */
function run(command, args, options = {}) {
  console.error(`\n> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const hasTorch = () =>
  spawnSync(python, ['-c', 'import torch, torch.distributed as d; assert d.is_gloo_available()'], {
    stdio: 'ignore',
  }).status === 0;

if (!hasTorch()) {
  if (process.env.RNN_TORCH_PYTHON !== undefined) {
    console.error(
      `test:torch: ${python} cannot import torch with gloo; install it there, or unset RNN_TORCH_PYTHON`,
    );
    process.exit(1);
  }
  // Debian's package: PyTorch for the system python3, with gloo; the pyenv python3 first on PATH is not it.
  const apt = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', '-n', 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync(apt[0], [...apt.slice(1), 'install', '-y', '--no-install-recommends', 'python3-torch'], {
      stdio: 'inherit',
      env,
    }).status === 0;
  console.error('\n> python3-torch is missing: installing it with apt (a few minutes)');
  if (!install()) {
    run(apt[0], [...apt.slice(1), 'update'], { env });
    if (!install()) {
      console.error(
        'test:torch: apt-get install python3-torch failed (run as root, or set RNN_TORCH_PYTHON)',
      );
      process.exit(1);
    }
  }
  if (!hasTorch()) {
    console.error(`test:torch: python3-torch is installed but ${python} still cannot import torch with gloo`);
    process.exit(1);
  }
}

const pnpm = (...args) => run('npx', ['--yes', packageManager, ...args]);
pnpm('install', '--frozen-lockfile');
pnpm('exec', 'turbo', 'run', 'build', '--filter=@rnn/tui...', '--output-logs=errors-only');
const record = process.argv.slice(2).includes('--record');
run(
  'npx',
  [
    '--yes',
    packageManager,
    '--filter',
    '@rnn/tui',
    'exec',
    'vitest',
    'run',
    '--config',
    'vitest.torch.config.ts',
  ],
  {
    env: { ...process.env, RNN_TORCH_RECORD: record ? '1' : '0' },
  },
);
