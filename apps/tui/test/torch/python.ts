// The Python of the torch tests: Debian's python3-torch is installed for /usr/bin/python3, not the pyenv python3.
import { spawn } from 'node:child_process';

/** The interpreter with torch (RNN_TORCH_PYTHON overrides /usr/bin/python3). */
export const TORCH_PYTHON = process.env.RNN_TORCH_PYTHON ?? '/usr/bin/python3';

/** What a finished Python process gave. */
export interface PythonResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs TORCH_PYTHON with `args` in `cwd` (and `env` added), one thread per process for BLAS so that two DDP ranks share 2 cores. */
export function runPython(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Promise<PythonResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TORCH_PYTHON, args, {
      cwd,
      env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
