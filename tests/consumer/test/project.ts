// The consumer project: @rnn/einsum and @rnn/core packed with pnpm, installed with plain npm outside the workspace.
import { execFileSync, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (two folders above tests/consumer). */
export const WORKSPACE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The libraries a user installs, as pnpm names them. */
export const PACKAGES = ['@rnn/einsum', '@rnn/core'] as const;
export type PackageName = (typeof PACKAGES)[number];
/** The terminal trainer (bin `rnn`), published beside the libraries with its dependencies bundled. */
export const CLI = '@rnn/tui';
type Packed = typeof CLI | PackageName;

/** What the global setup made, shared with every test file through vitest's `provide` / `inject`. */
export interface ConsumerProject {
  /** The fresh npm project (under the system's temporary folder) with both tarballs installed. */
  readonly dir: string;
  /** Each package's tarball and the paths pnpm put in it. */
  readonly packed: Readonly<Record<Packed, { readonly tarball: string; readonly files: readonly string[] }>>;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The environment a user's shell would give: the variables pnpm and turbo set for their scripts (`npm_config_*`,
 * `npm_package_*`, …) are removed, so that npm and node in the consumer project see none of the workspace.
 */
export function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_/i.test(name) && name !== 'NODE_OPTIONS'),
  );
}

/** Runs a command to completion; throws with its output when it fails. */
export function exec(command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, env: userEnv(), encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as SpawnSyncReturns<string>;
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}${stderr}`);
  }
}

/** Runs `node file` in the consumer project and returns its exit status and output (never throws). */
export function runNode(
  dir: string,
  file: string,
): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [file], {
    cwd: dir,
    env: userEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status, stdout, stderr };
}

/**
 * Packs the three published packages with the workspace's pinned pnpm, which turns `workspace:^` into a version
 * range as a publish does. Lifecycle scripts are off: turbo has built the packages before this test (their
 * `prepack` would rebuild dist while other tasks read it).
 */
function pack(destination: string): ConsumerProject['packed'] {
  const { packageManager } = JSON.parse(readFileSync(join(WORKSPACE, 'package.json'), 'utf8'));
  const filters = [...PACKAGES, CLI].flatMap((name) => ['--filter', name]);
  const options = ['--config.ignore-scripts=true', '--json', '--pack-destination', destination];
  const json = exec(npx, ['--yes', packageManager, ...filters, 'pack', ...options], WORKSPACE);
  const results = JSON.parse(json) as { name: Packed; filename: string; files: { path: string }[] }[];
  const entry = (name: Packed) => {
    const found = results.find((result) => result.name === name);
    if (!found) throw new Error(`pnpm pack made no tarball for ${name}: ${json}`);
    return { tarball: found.filename, files: found.files.map((file) => file.path) };
  };
  return { '@rnn/einsum': entry('@rnn/einsum'), '@rnn/core': entry('@rnn/core'), [CLI]: entry(CLI) };
}

/**
 * A fresh npm project in the system's temporary folder, outside the workspace, with the three tarballs installed
 * by plain npm (their dependencies come from the registry, as for a user) and @types/node at the workspace's
 * version for the type checks.
 */
export function createConsumerProject(): ConsumerProject {
  const dir = mkdtempSync(join(tmpdir(), 'rnn-consumer-'));
  const tarballs = join(dir, 'tarballs');
  mkdirSync(tarballs);
  const packed = pack(tarballs);
  const manifest = { name: 'rnn-consumer', version: '1.0.0', private: true, type: 'module' };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const { devDependencies } = JSON.parse(readFileSync(join(WORKSPACE, 'package.json'), 'utf8'));
  exec(
    npm,
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      packed['@rnn/einsum'].tarball,
      packed['@rnn/core'].tarball,
      packed[CLI].tarball,
      `@types/node@${devDependencies['@types/node']}`,
    ],
    dir,
  );
  return { dir, packed };
}
