// Startup benchmark of the bundled `rnn` (run after the build): time from spawn to the first output and to
// the first frame with the loss chart, in a pseudo-terminal (util-linux `script`), beside bare `node` startup.
// Prints a table and writes bench/results.json. Timings on a shared machine are noisy: compare the ratios.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.RUNS ?? 7);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const corpus = fileURLToPath(new URL('../dist/harbour-tales.txt', import.meta.url));

/**
 * Spawns `command` in a pseudo-terminal; resolves with the ms until output first matches each pattern.
 * @param {string} command
 * @param {RegExp[]} patterns
 * @returns {Promise<(number | undefined)[]>}
 */
function timeOutput(command, patterns) {
  return new Promise((resolve) => {
    const start = performance.now();
    // A pipe gives the pseudo-terminal no size: set one, as a real terminal has.
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; ${command}`, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      cwd: mkdtempSync(join(tmpdir(), 'rnn-bench-')),
      env: process.env,
    });
    child.stdin.on('error', () => {}); // a command that already exited cannot read the q
    /** @type {(number | undefined)[]} */
    const times = patterns.map(() => undefined);
    let quitSent = false;
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      patterns.forEach((pattern, i) => {
        if (times[i] === undefined && pattern.test(seen)) times[i] = performance.now() - start;
      });
      // The trainer runs in the pseudo-terminal's own session: ask it to quit with its q key.
      if (!quitSent && times.every((t) => t !== undefined)) {
        quitSent = true;
        child.stdin.write('q');
      }
    });
    child.on('close', () => resolve(times));
  });
}

/** @param {number[]} xs */
const median = (xs) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
/** @type {Record<string, number[]>} */
const rows = {
  'node -e 0 (baseline)': [],
  'rnn --version': [],
  'rnn train: first output': [],
  'rnn train: first frame with chart': [],
};
for (let run = 0; run < RUNS; run++) {
  const [bare] = await timeOutput(`node -e "console.log(0)"`, [/0/]);
  const [version] = await timeOutput(`node ${cli} --version`, [/\d+\.\d+/]);
  rows['node -e 0 (baseline)']?.push(bare ?? Number.NaN);
  rows['rnn --version']?.push(version ?? Number.NaN);
  const [first, chart] = await timeOutput(`node ${cli} train ${corpus} --steps 100000 --save-every 0`, [
    /\S/,
    /┤/,
  ]);
  rows['rnn train: first output']?.push(first ?? Number.NaN);
  rows['rnn train: first frame with chart']?.push(chart ?? Number.NaN);
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, load average ${(loadavg()[0] ?? 0).toFixed(1)}`;
console.log(
  `rnn startup, median of ${RUNS} runs; ${machine}; ${availableParallelism()} threads; Node ${process.version}`,
);
const table = Object.entries(rows).map(([name, ms]) => ({
  name,
  medianMs: Math.round(median(ms)),
  minMs: Math.round(Math.min(...ms)),
}));
for (const row of table)
  console.log(`${row.name.padEnd(36)} ${String(row.medianMs).padStart(6)} ms  (min ${row.minMs} ms)`);
writeFileSync(
  fileURLToPath(new URL('./results.json', import.meta.url)),
  `${JSON.stringify({ machine, threads: availableParallelism(), node: process.version, date: new Date().toISOString(), runs: RUNS, rows: table }, null, 2)}\n`,
);
