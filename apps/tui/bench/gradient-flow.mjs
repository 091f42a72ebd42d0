// What the gradient-flow view costs: the share of a training run's wall time spent measuring ‖∂s_t/∂s_r‖
// (H = 256, and a long chunk at H = 256, T = 100), from the bundled `rnn train --json` on the shipped corpus.
// Each measurement reports its own seconds; the share is their sum over the run's elapsed time. Writes
// bench/gradient-flow.json. Run after the build; timings on a shared machine are noisy, the share much less so.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SECONDS = Number(process.env.SECONDS_PER_CASE ?? 30);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const CASES = [
  { name: 'H = 256, T = 25', flags: ['--hidden', '256'] },
  { name: 'H = 256, T = 100', flags: ['--hidden', '256', '--seq-length', '100'] },
];

/**
 * Trains for `seconds` with --json (no validation, no samples, no saves but the last), then stops it with SIGINT.
 * @param {string[]} flags
 * @param {number} seconds
 * @returns {Promise<{ flows: { seconds: number; norms: number[] }[]; elapsed: number; tokensPerSecond: number }>}
 */
function run(flags, seconds) {
  const dir = mkdtempSync(join(tmpdir(), 'rnn-flow-bench-'));
  const args = [cli, 'train', '--checkpoint', join(dir, 'bench.json'), '--json', '--steps', '1000000000'];
  args.push('--val-fraction', '0', '--sample-every', '0', '--save-every', '0', '--log-every', '50', ...flags);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGINT'), seconds * 1000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      const lines = out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line));
      const steps = lines.filter((l) => l.type === 'step');
      const last = steps.at(-1);
      const tokens =
        steps.reduce((sum, l, i) => sum + (i === 0 ? 0 : l.tokensPerSecond), 0) /
        Math.max(1, steps.length - 1);
      resolve({
        flows: lines.filter((l) => l.type === 'gradient-flow'),
        elapsed: last?.elapsedSeconds ?? Number.NaN,
        tokensPerSecond: tokens,
      });
    });
  });
}

/** @param {number[]} xs */
const median = (xs) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, load average ${(loadavg()[0] ?? 0).toFixed(1)}`;
console.log(`gradient-flow cost over ${SECONDS} s of training per case; ${machine}; Node ${process.version}`);
const rows = [];
for (const { name, flags } of CASES) {
  const { flows, elapsed, tokensPerSecond } = await run(flags, SECONDS);
  const spent = flows.reduce((sum, f) => sum + f.seconds, 0);
  const row = {
    name,
    measurements: flows.length,
    medianMs: Math.round(median(flows.map((f) => f.seconds * 1000)) * 10) / 10,
    elapsedSeconds: Math.round(elapsed * 10) / 10,
    sharePercent: Math.round((1000 * spent) / elapsed) / 10,
    tokensPerSecond: Math.round(tokensPerSecond),
  };
  rows.push(row);
  console.log(
    `${name.padEnd(18)} ${String(row.measurements).padStart(3)} measurements, median ${row.medianMs} ms each, ` +
      `${row.sharePercent}% of ${row.elapsedSeconds} s (training at ${row.tokensPerSecond} tokens/s)`,
  );
}
writeFileSync(
  fileURLToPath(new URL('./gradient-flow.json', import.meta.url)),
  `${JSON.stringify({ machine, threads: availableParallelism(), node: process.version, date: new Date().toISOString(), secondsPerCase: SECONDS, target: 'share under 5%', rows }, null, 2)}\n`,
);
