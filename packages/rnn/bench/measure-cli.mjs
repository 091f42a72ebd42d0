// One `rnn train --json` measurement: the CLI as a user runs it, timed from its start line to its done line (one JSON line).
//
// Usage: node bench/measure-cli.mjs FILE --hidden 100 --batch 1 --chars 50000 [--precision float64] [--seq 25]
// The CLI trains in its worker thread and prints JSON lines; this process reads them as they come. Throughput is
// characters per second between the `start` and `done` lines (training, the worker's messages and the JSON
// rendering; not Node's start-up or the checkpoint written at the end), with the CLI's CPU time over the same
// stretch and its peak RSS (from /proc, so Linux only; null elsewhere). Each run writes its checkpoint to a
// fresh temporary folder, so it never meets an existing checkpoint.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    hidden: { type: 'string', default: '100' },
    batch: { type: 'string', default: '1' },
    chars: { type: 'string', default: '50000' },
    seq: { type: 'string', default: '25' },
    precision: { type: 'string', default: 'float64' },
  },
});
const [file] = positionals;
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'apps', 'tui', 'dist', 'cli.js');
if (!existsSync(cli)) throw new Error(`${cli} is missing: build apps/tui first (npm run build at the root)`);
const [hidden, batch, seq] = [values.hidden, values.batch, values.seq].map(Number);
const steps = Math.max(1, Math.floor(Number(values.chars) / (seq * batch)));
// A validation split would score held-out text between steps: throughput is of training alone.
const help = spawnSync(process.execPath, [cli, 'train', '--help'], { encoding: 'utf8' }).stdout;
const noValidation = help.includes('--val-fraction') ? ['--val-fraction', '0'] : [];
const folder = mkdtempSync(join(tmpdir(), 'rnn-bench-cli-'));
const args = [
  ...[cli, 'train', file, '--json', '--checkpoint', join(folder, 'run.checkpoint.json')],
  ...[
    '--hidden',
    String(hidden),
    '--batch',
    String(batch),
    '--seq-length',
    String(seq),
    '--steps',
    String(steps),
  ],
  ...['--precision', values.precision, '--seed', '1', '--sample-every', '0', ...noValidation],
];
const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (chunk) => {
  stderr += chunk;
});

/** The child's CPU seconds (user + system, every thread) and peak RSS in MB, read from /proc while it runs. */
function usage() {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
    return { cpu: ticks / clockTicks, rssMB: hwm ? Number(hwm[1]) / 1024 : null };
  } catch {
    return { cpu: null, rssMB: null };
  }
}

const losses = [];
let started;
let done;
for await (const line of createInterface({ input: child.stdout })) {
  const event = JSON.parse(line);
  if (event.type === 'start') started = { time: performance.now(), ...usage() };
  if (event.type === 'step') losses.push(event.loss);
  if (event.type === 'error') throw new Error(`rnn train: ${event.message}`);
  if (event.type === 'done') {
    done = { time: performance.now(), ...usage() };
    break;
  }
}
const code = await new Promise((resolve) => child.on('close', resolve));
rmSync(folder, { recursive: true, force: true });
if (code !== 0 || started === undefined || done === undefined) {
  throw new Error(`rnn train exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
}
const seconds = (done.time - started.time) / 1000;
const cpuSeconds = done.cpu === null || started.cpu === null ? null : done.cpu - started.cpu;
const chars = steps * seq * batch;
const tail = losses.slice(-Math.max(1, Math.floor(losses.length / 10)));
console.log(
  JSON.stringify({
    implementation: 'rnn train --json',
    hidden,
    batch,
    precision: values.precision,
    chars,
    seconds,
    cpuSeconds,
    charsPerSecond: chars / seconds,
    charsPerCpuSecond: cpuSeconds === null ? null : chars / cpuSeconds,
    loss: tail.reduce((a, b) => a + b, 0) / tail.length,
    peakRssMB: done.rssMB,
  }),
);
