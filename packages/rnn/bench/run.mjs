// `pnpm bench`: char-level training throughput of @rnn/core and of `rnn train --json` beside numpy, TensorFlow.js and
// brain.js, one thread each, and the README section made from it.
//
// Every measurement runs in its own process, one after another, on the same ~1 MB text made by the corpus
// generator; numpy runs with OPENBLAS_NUM_THREADS=1. Throughput is characters per second of wall time around the
// training loop (the figure targets use), with characters per CPU second of the same process beside it; each row
// is the best of REPEATS runs (other work on a machine only ever slows a run down; training is deterministic, so
// every run reaches the same loss). Writes bench/results.json and bench/RESULTS.md, then the README's section
// (scripts/readme.mjs). `--quick` runs a tenth of the characters once and writes nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatWithBiome } from '../../../scripts/generated-sections.mjs';
import { generateCorpus } from '../corpus/generate.mjs';
import { checkTargets, renderTable } from './report.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const quick = process.argv.includes('--quick');
const scale = quick ? 0.1 : 1;
/** Runs per measurement; the fastest (by wall time) counts. */
const REPEATS = quick ? 1 : 3;
const corpus = join(mkdtempSync(join(tmpdir(), 'rnn-bench-')), 'bench-1mb.txt');
writeFileSync(corpus, generateCorpus(1_000_000, 2));
const env = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
const load = () => loadavg().map((x) => x.toFixed(2));
const loadAtStart = load();

/** Runs a measurement process once and returns its JSON line; throws with the reason when it fails. */
function runOnce(command, args) {
  try {
    const out = execFileSync(command, args, {
      env,
      cwd: join(here, '..'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 24,
    });
    return JSON.parse(out.trim().split('\n').at(-1));
  } catch (error) {
    const reason = String(error.stderr || error.message)
      .trim()
      .split('\n')
      .filter(Boolean)
      .slice(-3)
      .join(' | ');
    throw new Error(reason);
  }
}

/** The best of REPEATS runs of one measurement (by wall-time throughput), or a row that says why it failed. */
function measure(label, command, args) {
  process.stdout.write(`  ${label} … `);
  try {
    const runs = Array.from({ length: REPEATS }, () => runOnce(command, args));
    const row = runs.reduce((best, run) => (run.charsPerSecond > best.charsPerSecond ? run : best));
    row.runs = runs.map((run) => Math.round(run.charsPerSecond));
    console.log(`${Math.round(row.charsPerSecond)} chars/s`);
    return { label, ...row };
  } catch (error) {
    console.log(`failed: ${error.message}`);
    return { label, failed: error.message };
  }
}

const chars = (n) => String(Math.round(n * scale));
/** Where a measurement writes the loss of each of its steps. */
const trace = (name) => join(dirname(corpus), `trace-${name}.json`);
const suffix = (batch, precision) =>
  `${batch === 1 ? '' : ` B=${batch}`}${precision === 'float32' ? ' float32' : ''}`;
const ours = (hidden, batch, precision, n) =>
  measure(`@rnn/core H=${hidden}${batch === 1 ? ' B=1' : ''}${suffix(batch, precision)}`, process.execPath, [
    join(here, 'measure-core.mjs'),
    corpus,
    ...['--hidden', String(hidden), '--batch', String(batch), '--precision', precision, '--chars', chars(n)],
    ...['--trace', trace(`core-${hidden}-${batch}-${precision}`)],
  ]);
const cli = (hidden, batch, precision, n) =>
  measure(
    `rnn train --json H=${hidden}${batch === 1 ? ' B=1' : ''}${suffix(batch, precision)}`,
    process.execPath,
    [
      join(here, 'measure-cli.mjs'),
      corpus,
      ...[
        '--hidden',
        String(hidden),
        '--batch',
        String(batch),
        '--precision',
        precision,
        '--chars',
        chars(n),
      ],
    ],
  );
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
const numpy = (variant, hidden, n, batch = 1) =>
  measure(`numpy ${variant} H=${hidden}${batch === 1 ? '' : ` B=${batch}`}`, 'python3', [
    join(here, 'numpy_rnn.py'),
    corpus,
    ...['--variant', variant, '--hidden', String(hidden), '--batch', String(batch), '--chars', chars(n)],
    ...['--init', initialParams(hidden), '--trace', trace(`numpy-${variant}-${hidden}-${batch}`)],
  ]);
const tfjs = (backend) =>
  measure(`tfjs-layers SimpleRNN ${backend} H=100`, process.execPath, [
    join(here, 'measure-tfjs.mjs'),
    corpus,
    ...['--backend', backend, '--chars', chars(5_000)],
  ]);

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`;
console.log(
  `rnn bench: ${machine}, load ${loadAtStart.join(' ')}, one thread per measurement, ${quick ? 'quick' : 'full'} run`,
);
// Runs long enough (several seconds) that start-up costs (compiling, the first gradient-flow measurement of
// rnn train) weigh little against the training they precede; numpy's per-step version, only an earlier
// target's peer, reads fewer characters (its losses are compared step by step, over the steps both took).
const rows = [
  ours(100, 1, 'float64', 150_000),
  cli(100, 1, 'float64', 150_000),
  numpy('batched', 100, 150_000),
  numpy('per-step', 100, 50_000),
  ours(256, 1, 'float64', 100_000),
  cli(256, 1, 'float64', 100_000),
  numpy('batched', 256, 100_000),
  numpy('per-step', 256, 50_000),
  ours(256, 32, 'float64', 400_000),
  cli(256, 32, 'float64', 400_000),
  ours(256, 32, 'float32', 400_000),
  cli(256, 32, 'float32', 400_000),
  numpy('minibatch', 256, 400_000, 32),
  ours(100, 32, 'float64', 400_000),
  tfjs('cpu'),
  tfjs('wasm'),
  measure('brain.js recurrent.RNN H=100', process.execPath, [
    join(here, 'measure-brain.mjs'),
    corpus,
    ...['--chars', chars(5_000)],
  ]),
];

/** One breakdown of a step (ours and numpy's, each part timed alone at the step's shapes), or why it failed. */
function phases(hidden, batch, precision) {
  const args = ['--hidden', String(hidden), '--batch', String(batch), '--precision', precision];
  const ours = measureOnce(`phases of a step H=${hidden} B=${batch} ${precision}`, process.execPath, [
    join(here, 'measure-phases.mjs'),
    ...args,
  ]);
  const numpy = measureOnce(`numpy's parts H=${hidden} B=${batch} ${precision}`, 'python3', [
    join(here, 'numpy_phases.py'),
    ...args,
  ]);
  return { hidden, batch, precision, ours, numpy };
}

/** One run of a measurement that is not a throughput (the phases of a step), or { failed }. */
function measureOnce(label, command, args) {
  process.stdout.write(`  ${label} … `);
  try {
    const result = runOnce(command, args);
    console.log('done');
    return result;
  } catch (error) {
    console.log(`failed: ${error.message}`);
    return { failed: error.message };
  }
}

console.log('where the time of a step goes:');
const breakdown = [
  phases(100, 1, 'float64'),
  phases(256, 1, 'float64'),
  phases(256, 32, 'float64'),
  phases(256, 32, 'float32'),
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
  for (const [hidden, batch, peer] of [
    [100, 1, 'numpy-batched-100-1'],
    [256, 1, 'numpy-batched-256-1'],
    [256, 32, 'numpy-minibatch-256-32'],
  ]) {
    for (const [label, first] of [
      ['@rnn/core', `core-${hidden}-${batch}-float64`],
      ...(batch === 1 ? [['numpy per-step', `numpy-per-step-${hidden}-1`]] : []),
    ]) {
      const a = read(first);
      const b = read(peer);
      if (!a || !b) continue;
      const gap = (i) => Math.abs(a[i] - b[i]) / Math.abs(b[i]);
      const steps = Math.min(a.length, b.length);
      const agree = a.findIndex((_, i) => i < steps && gap(i) > 1e-12);
      const apart = a.findIndex((_, i) => i < steps && gap(i) > 0.01);
      pairs.push({
        hidden,
        batch,
        pair: `${label} vs ${peer.split('-').slice(0, 2).join(' ')}`,
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
  machine: `${machine} (shared with other work while measured)`,
  load: { start: loadAtStart, end: load() },
  threads: 1,
  date: new Date().toISOString(),
  node: process.version,
  numpy: numpyVersion,
  openblasThreads: env.OPENBLAS_NUM_THREADS,
  corpusBytes: 1_000_000,
  metric:
    `characters per second of wall time around the training loop (rnn train: from its start line to its done line), ` +
    `best of ${REPEATS} runs, with characters per CPU second of the same process beside it; loss = mean ` +
    'cross-entropy (nats) of the last 10% of steps (rnn train: of its logged steps)',
  rows,
  details: { phases: breakdown },
  targets: checkTargets(rows),
  divergence: divergence(),
};
console.log(`\n${renderTable(results)}`);
if (!quick) {
  writeFileSync(
    join(here, 'results.json'),
    formatWithBiome(`${JSON.stringify(results, null, 2)}\n`, 'results.json'),
  );
  writeFileSync(join(here, 'RESULTS.md'), formatWithBiome(`${renderTable(results)}\n`, 'RESULTS.md'));
  execFileSync(process.execPath, [join(here, '..', 'scripts', 'readme.mjs')], { stdio: 'inherit' });
  console.log('wrote bench/results.json, bench/RESULTS.md and the README section');
}
