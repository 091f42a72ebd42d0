// `pnpm bench`: this package's einsum side by side with numpy.einsum and tf.einsum on issue 3's suite, in one run.
// Prints the table and targets, writes bench/results.json and bench/RESULTS.md. Needs `pnpm build` first.
// `node bench/run.mjs WORD` runs only the cases whose name contains WORD and writes no files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeMachine } from './machine.mjs';
import { measureCase } from './measure-case.mjs';
import { startNumpy } from './numpy-peer.mjs';
import { loadOurs } from './ours.mjs';
import { COLUMNS, flatRow, targetLines, toMarkdown } from './report.mjs';
import { SUITE } from './suite.mjs';
import { loadTfjs } from './tfjs-peer.mjs';

const here = new URL('.', import.meta.url);
const machine = describeMachine();
const workDir = mkdtempSync(join(tmpdir(), 'einsum-bench-'));
const notes = [];
const [ours, numpy, tfjs] = [await loadOurs(), await startNumpy(), await loadTfjs()];
if (ours.note) notes.push(`this package: ${ours.note}`);
if (!numpy) notes.push('numpy: python3 with numpy was not found; numpy columns are empty');
for (const b of tfjs.backends) if (!b.ready) notes.push(`tfjs ${b.name} backend: ${b.note}`);

console.log(
  `machine: ${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverage.join(' ')}, Node ${machine.node}`,
);
console.log(`numpy: ${JSON.stringify(numpy?.info() ?? null)}`);
console.log(
  `tfjs-core ${tfjs.version ?? '–'}: backends ${tfjs.backends.map((b) => `${b.name}${b.ready ? '' : ' (not loaded)'}`).join(', ')}`,
);
console.log(`this package: one thread (Node main thread), source ${machine.source}\n`);

const only = process.argv[2];
const rows = [];
try {
  for (const [index, testCase] of SUITE.entries()) {
    if (only && !testCase.name.includes(only)) continue;
    process.stdout.write(`${testCase.name} … `);
    rows.push(await measureCase({ ours, numpy, tfjs }, testCase, index, workDir, notes));
    console.log('done');
  }
} finally {
  numpy?.close();
  rmSync(workDir, { recursive: true, force: true });
}

const unsupported = new Map(); // "backend: reason" → case names, so that one missing kernel is one note
for (const row of rows) {
  for (const [name, p] of Object.entries(row.tfjs)) {
    if (p.unsupported)
      unsupported.set(`${name}: ${p.unsupported}`, [
        ...(unsupported.get(`${name}: ${p.unsupported}`) ?? []),
        row.name,
      ]);
  }
}
for (const [reason, names] of unsupported)
  notes.push(`tfjs ${reason} (${names.length === rows.length ? 'every case' : names.join(', ')})`);
for (const row of rows) {
  if (row.ours.compiledAllocating !== undefined) {
    notes.push(
      `${row.name}: compiled expr(a, b) (allocating its result) ${(row.ours.compiledAllocating * 1e6).toFixed(2)} µs per call; expr.into(out, a, b) ${(row.ours.compiled * 1e6).toFixed(2)} µs`,
    );
  }
}

const cells = rows.map((row) => COLUMNS.map(([, cell]) => String(cell(row))));
const widths = COLUMNS.map(([header], c) => Math.max(header.length, ...cells.map((r) => r[c].length)));
const line = (values) => values.map((v, c) => v.padEnd(widths[c])).join('  ');
console.log(`\n${line(COLUMNS.map(([h]) => h))}\n${cells.map(line).join('\n')}\n`);
for (const target of targetLines(rows)) console.log(target);
for (const note of notes) console.log(`note: ${note}`);

if (only) process.exit(0);
const results = {
  date: new Date().toISOString(),
  source: machine.source,
  machine: `${machine.cpu}, ${machine.cores} cores, ${machine.platform}, Node ${machine.node} (load average at start ${machine.loadAverage.join(', ')}: a shared machine, compare ratios)`,
  threads: `1 (this package: Node's main thread; numpy: OpenBLAS threads ${numpy?.info().blasThreads ?? '?'}, OPENBLAS_NUM_THREADS=1; tfjs cpu: JS)`,
  rows: rows.map(flatRow),
  targets: targetLines(rows),
  notes,
  details: {
    machine,
    numpy: numpy?.info() ?? null,
    tfjs: { version: tfjs.version, backends: tfjs.backends },
    cases: rows,
  },
};
writeFileSync(new URL('results.json', here), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(new URL('RESULTS.md', here), toMarkdown(results));
// the repository's formatter owns the layout of committed files: format them so that `biome check` passes
try {
  execFileSync(
    'npx',
    ['--no-install', 'biome', 'format', '--write', 'bench/results.json', 'bench/RESULTS.md'],
    {
      cwd: new URL('..', here),
      stdio: 'ignore',
    },
  );
} catch {
  console.warn('biome was not found: bench/results.json and bench/RESULTS.md are left unformatted');
}
console.log('\nwrote bench/results.json and bench/RESULTS.md');
