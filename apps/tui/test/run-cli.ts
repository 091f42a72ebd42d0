// Helpers to spawn the built `rnn` bin (dist/cli.js) in a scratch directory and collect its output.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled CLI under test (built by `pnpm build` before `pnpm test`, as turbo orders them). */
export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** What a finished run of the CLI gave. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh scratch directory for one test's files. */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'rnn-tui-test-'));
}

/** Writes `content` to `name` in `dir` and returns its path. */
export function writeIn(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A few kB of the shipped corpus: real English, small enough to learn from in a few hundred steps. */
export function smallText(bytes = 4000): string {
  const corpus = readFileSync(fileURLToPath(new URL('../dist/harbour-tales.txt', import.meta.url)), 'utf8');
  return corpus.slice(0, bytes);
}

/**
 * Runs `node dist/cli.js ...args` with stdout and stderr piped (so never a terminal: no Ink).
 * `onStdout` sees the output as it comes and may signal the child.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? scratch(),
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The JSON lines of a `--json` run, parsed. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
