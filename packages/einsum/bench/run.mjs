// `pnpm bench`: this package's einsum side by side with numpy.einsum and tf.einsum, and the SIMD peak, in one run.
// Prints the table and targets; writes bench/results.json, bench/RESULTS.md and the README's Performance section.
// Needs `pnpm build` first. `node bench/run.mjs WORD` runs only the cases whose name contains WORD, writes nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatWithBiome } from '../../../scripts/generated-sections.mjs';
import { writeReadme } from '../scripts/readme.mjs';
import { describeMachine } from './machine.mjs';
import { measureCase } from './measure-case.mjs';
import { startNumpy } from './numpy-peer.mjs';
import { loadOurs } from './ours.mjs';
import { loadPeak } from './peak.mjs';
import { COLUMNS, flatRow, targetLines, toMarkdown } from './report.mjs';
import { SUITE } from './suite.mjs';
import { loadTfjs } from './tfjs-peer.mjs';

const here = new URL('.', import.meta.url);
const workDir = mkdtempSync(join(tmpdir(), 'einsum-bench-'));
const notes = [];
const [ours, numpy, tfjs, peak] = [await loadOurs(), await startNumpy(), await loadTfjs(), await loadPeak()];
const machine = { ...describeMachine(), backend: ours.api?.backend() };
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
console.log(
  `this package: one thread (Node main thread), backend ${machine.backend}, source ${machine.source}\n`,
);

const only = process.argv[2];
const rows = [];
const profiles = [];
try {
  for (const [index, testCase] of SUITE.entries()) {
    if (only && !testCase.name.includes(only)) continue;
    process.stdout.write(`${testCase.name} … `);
    const row = await measureCase({ ours, numpy, tfjs, peak }, testCase, index, workDir, notes, profiles);
    rows.push(row);
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
for (const p of profiles)
  console.log(
    `profile: ${p.case} (${p.what}): ${p.top.map((f) => `${f.name} ${(100 * f.share).toFixed(0)}%`).join(', ')}`,
  );
for (const note of notes) console.log(`note: ${note}`);

if (only) process.exit(0);
const results = {
  date: new Date().toISOString(),
  source: machine.source,
  machine: `${machine.cpu}, ${machine.cores} cores, ${machine.platform}, Node ${machine.node} (load average at start ${machine.loadAverage.join(', ')}: a shared machine, compare ratios)`,
  threads: `1 (this package: Node's main thread, backend ${machine.backend}; numpy: OpenBLAS threads ${numpy?.info().blasThreads ?? '?'}, OPENBLAS_NUM_THREADS=1; tfjs cpu: JS)`,
  rows: rows.map(flatRow),
  targets: targetLines(rows),
  notes,
  details: {
    machine,
    numpy: numpy?.info() ?? null,
    tfjs: { version: tfjs.version, backends: tfjs.backends },
    cases: rows,
    profiles,
  },
};
// the repository's formatter owns the layout of committed files: write them as `biome check` wants them
const write = (name, text) => writeFileSync(new URL(name, here), formatWithBiome(text, name));
write('results.json', `${JSON.stringify(results, null, 2)}\n`);
write('RESULTS.md', toMarkdown(results));
writeReadme();
console.log(
  `\nwrote bench/results.json, bench/RESULTS.md and the Performance section of ${fileURLToPath(new URL('../README.md', here))}`,
);
