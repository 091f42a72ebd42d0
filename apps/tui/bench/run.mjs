// Startup benchmark of the bundled `rnn` (run after the build): time from spawn to the first output and to
// the first frame with the loss chart, in a pseudo-terminal (util-linux `script`), beside bare `node` startup,
// and the CPU time the node process had used when its first output arrived (from /proc: less sensitive to
// other load than wall time). Prints a table and writes bench/results.json. Timings on a shared machine are
// noisy: compare the ratios.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.RUNS ?? 7);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const corpus = fileURLToPath(new URL('../dist/harbour-tales.txt', import.meta.url));

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds (user + system, all threads) used so far by the first `node` process under `pid`.
 * @param {number} pid
 * @returns {number | undefined}
 */
function nodeCpuMs(pid) {
  const childrenFile = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(childrenFile)) return undefined;
  for (const child of readFileSync(childrenFile, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)) {
    try {
      if (readFileSync(`/proc/${child}/comm`, 'utf8').trim() === 'node') {
        const fields = readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
      }
      const below = nodeCpuMs(child);
      if (below !== undefined) return below;
    } catch {
      // the process ended meanwhile
    }
  }
  return undefined;
}

/**
 * Spawns `command` in a pseudo-terminal; resolves with the ms until output first matches each pattern, and
 * the CPU ms of its node process at the first match.
 * @param {string} command
 * @param {RegExp[]} patterns
 * @returns {Promise<{ times: (number | undefined)[], cpuAtFirst: number | undefined }>}
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
    /** @type {number | undefined} */
    let cpuAtFirst;
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      patterns.forEach((pattern, i) => {
        if (times[i] === undefined && pattern.test(seen)) times[i] = performance.now() - start;
      });
      if (cpuAtFirst === undefined && child.pid !== undefined) cpuAtFirst = nodeCpuMs(child.pid);
      // The trainer runs in the pseudo-terminal's own session: ask it to quit with its q key.
      if (!quitSent && times.every((t) => t !== undefined)) {
        quitSent = true;
        child.stdin.write('q');
      }
    });
    child.on('close', () => resolve({ times, cpuAtFirst }));
  });
}

/** @param {number[]} xs */
const median = (xs) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
/** @type {Record<string, number[]>} */
const rows = {
  'node -e 0 (baseline)': [],
  'node -e 0: CPU at first output': [],
  'rnn --version': [],
  'rnn train: first output': [],
  'rnn train: CPU at first output': [],
  'rnn train: first frame with chart': [],
};
/** @param {string} name @param {number | undefined} ms */
const record = (name, ms) => rows[name]?.push(ms ?? Number.NaN);
for (let run = 0; run < RUNS; run++) {
  const bare = await timeOutput(`node -e "console.log(0)"`, [/0/]);
  record('node -e 0 (baseline)', bare.times[0]);
  record('node -e 0: CPU at first output', bare.cpuAtFirst);
  record('rnn --version', (await timeOutput(`node ${cli} --version`, [/\d+\.\d+/])).times[0]);
  // A fresh checkpoint path in the scratch folder, and no validation split: the startup of training alone.
  const flags = '--checkpoint bench.checkpoint.json --val-fraction 0 --steps 100000 --save-every 0';
  const train = await timeOutput(`node ${cli} train ${corpus} ${flags}`, [/\S/, /┤/]);
  record('rnn train: first output', train.times[0]);
  record('rnn train: CPU at first output', train.cpuAtFirst);
  record('rnn train: first frame with chart', train.times[1]);
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, load average ${(loadavg()[0] ?? 0).toFixed(1)}`;
console.log(
  `rnn startup, median of ${RUNS} runs; ${machine}; ${availableParallelism()} threads; Node ${process.version}`,
);
const table = Object.entries(rows).map(([name, ms]) => ({
  name,
  // A process may end before /proc is read (a missed sample): figures are over the samples taken.
  medianMs: Math.round(median(ms.filter(Number.isFinite))),
  minMs: Math.round(Math.min(...ms.filter(Number.isFinite))),
}));
for (const row of table)
  console.log(`${row.name.padEnd(36)} ${String(row.medianMs).padStart(6)} ms  (min ${row.minMs} ms)`);
writeFileSync(
  fileURLToPath(new URL('./results.json', import.meta.url)),
  `${JSON.stringify({ machine, threads: availableParallelism(), node: process.version, date: new Date().toISOString(), runs: RUNS, rows: table }, null, 2)}\n`,
);
