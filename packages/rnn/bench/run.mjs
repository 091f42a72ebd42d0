// `pnpm bench`: char-level training throughput of @rnn/core beside numpy, TensorFlow.js and brain.js, one thread each.
//
// Every measurement runs in its own process, one after another, on the same ~1 MB text made by the corpus
// generator. Throughput is characters per CPU second of that process (user + system), which stays meaningful
// on a shared machine where wall time is not. Writes bench/results.json and bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../corpus/generate.mjs';
import { formatWithBiome } from './format.mjs';
import { checkTargets, renderTable } from './report.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const quick = process.argv.includes('--quick');
const scale = quick ? 0.1 : 1;
/** Runs per measurement; the fastest counts. */
const REPEATS = quick ? 1 : 2;
const corpus = join(mkdtempSync(join(tmpdir(), 'rnn-bench-')), 'bench-1mb.txt');
writeFileSync(corpus, generateCorpus(1_000_000, 2));
const env = { ...process.env, OPENBLAS_NUM_THREADS: '1' };

/** Runs one measurement process and returns its JSON line, or an error row that says why it failed. */
function measure(label, command, args) {
  process.stdout.write(`  ${label} … `);
  try {
    // Best of REPEATS runs: on a shared machine other work only ever slows a run down (the loss is the same
    // in every run: training is deterministic).
    const runs = Array.from({ length: REPEATS }, () => {
      const out = execFileSync(command, args, {
        env,
        cwd: join(here, '..'),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 1 << 24,
      });
      return JSON.parse(out.trim().split('\n').at(-1));
    });
    const row = runs.reduce((best, run) => (run.charsPerSecond > best.charsPerSecond ? run : best));
    row.runs = runs.map((run) => Math.round(run.charsPerSecond));
    console.log(`${Math.round(row.charsPerSecond)} chars/s`);
    return { label, ...row };
  } catch (error) {
    const reason = String(error.stderr || error.message)
      .trim()
      .split('\n')
      .filter(Boolean)
      .slice(-3)
      .join(' | ');
    console.log(`failed: ${reason}`);
    return { label, failed: reason };
  }
}

const chars = (n) => String(Math.round(n * scale));
const core = (hidden, batch, n) =>
  measure(`@rnn/core H=${hidden} B=${batch}`, process.execPath, [
    join(here, 'measure-core.mjs'),
    corpus,
    '--hidden',
    String(hidden),
    '--batch',
    String(batch),
    '--chars',
    chars(n),
    '--trace',
    trace(`core-${hidden}-${batch}`),
  ]);
/** Where a measurement writes the loss of each of its steps. */
const trace = (name) => join(dirname(corpus), `trace-${name}.json`);
/** @rnn/core's initial parameters for hidden size H (seed 1), so that numpy starts exactly where @rnn/core starts. */
function initialParams(hidden) {
  const out = join(dirname(corpus), `init-${hidden}.bin`);
  execFileSync(process.execPath, [
    join(here, 'initial-params.mjs'),
    corpus,
    '--hidden',
    String(hidden),
    '--out',
    out,
  ]);
  return out;
}
const numpy = (variant, hidden, n) =>
  measure(`numpy ${variant} H=${hidden}`, 'python3', [
    join(here, 'numpy_rnn.py'),
    corpus,
    '--variant',
    variant,
    '--hidden',
    String(hidden),
    '--chars',
    chars(n),
    '--init',
    initialParams(hidden),
    '--trace',
    trace(`numpy-${variant}-${hidden}`),
  ]);

console.log(
  `rnn bench: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, one thread per measurement, ${quick ? 'quick' : 'full'} run`,
);
const rows = [
  core(100, 1, 50_000),
  numpy('per-step', 100, 50_000),
  numpy('batched', 100, 50_000),
  core(256, 1, 50_000),
  numpy('per-step', 256, 50_000),
  numpy('batched', 256, 50_000),
  core(100, 32, 200_000),
  core(256, 32, 200_000),
  measure('tfjs-layers SimpleRNN cpu H=100', process.execPath, [
    join(here, 'measure-tfjs.mjs'),
    corpus,
    '--backend',
    'cpu',
    '--chars',
    chars(5_000),
  ]),
  measure('tfjs-layers SimpleRNN wasm H=100', process.execPath, [
    join(here, 'measure-tfjs.mjs'),
    corpus,
    '--backend',
    'wasm',
    '--chars',
    chars(5_000),
  ]),
  measure('brain.js recurrent.RNN H=100', process.execPath, [
    join(here, 'measure-brain.mjs'),
    corpus,
    '--chars',
    chars(5_000),
  ]),
];

/**
 * Where two runs from the same initial parameters part: the last step whose losses agree to 1e−12 (relative),
 * and the first whose losses differ by more than 1%. Rounding differences that Adagrad's early steps amplify.
 */
function divergence() {
  const read = (name) => {
    try {
      return JSON.parse(readFileSync(trace(name), 'utf8'));
    } catch {
      return undefined;
    }
  };
  const pairs = [];
  for (const hidden of [100, 256]) {
    for (const [label, first] of [
      ['@rnn/core', `core-${hidden}-1`],
      ['numpy per-step', `numpy-per-step-${hidden}`],
    ]) {
      const a = read(first);
      const b = read(`numpy-batched-${hidden}`);
      if (!a || !b) continue;
      const gap = (i) => Math.abs(a[i] - b[i]) / Math.abs(b[i]);
      const steps = Math.min(a.length, b.length);
      const agree = a.findIndex((_, i) => i < steps && gap(i) > 1e-12);
      const apart = a.findIndex((_, i) => i < steps && gap(i) > 0.01);
      pairs.push({
        hidden,
        pair: `${label} vs numpy batched`,
        firstStepLosses: [a[0], b[0]],
        agreeTo1e12UpToStep: agree === -1 ? steps : agree,
        firstStepApartBy1Percent: apart === -1 ? null : apart + 1,
      });
    }
  }
  return pairs;
}

const numpyVersion = rows.find((row) => row.numpy)?.numpy ?? 'unknown';
const results = {
  machine: `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, shared with other work while measured)`,
  threads: 1,
  date: new Date().toISOString(),
  node: process.version,
  numpy: numpyVersion,
  openblasThreads: env.OPENBLAS_NUM_THREADS,
  corpusBytes: 1_000_000,
  metric:
    'characters per CPU second of the measuring process, best of 2 runs; loss = mean cross-entropy (nats) of the last 10% of steps',
  rows,
  targets: checkTargets(rows),
  divergence: divergence(),
};
if (!quick) {
  writeFileSync(
    join(here, 'results.json'),
    formatWithBiome(`${JSON.stringify(results, null, 2)}\n`, 'results.json'),
  );
  writeFileSync(join(here, 'RESULTS.md'), formatWithBiome(`${renderTable(results)}\n`, 'RESULTS.md'));
}
console.log(`\n${renderTable(results)}`);
