// `pnpm bench`: this package's einsum side by side with numpy.einsum and tf.einsum on issue 3's suite, in one run.
// Prints the table and targets, writes bench/results.json and bench/RESULTS.md. Needs `pnpm build` first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputShape, relativeError } from './compare.mjs';
import { describeMachine } from './machine.mjs';
import { startNumpy } from './numpy-peer.mjs';
import { caseOperands } from './operands.mjs';
import { loadOurs, runOurs } from './ours.mjs';
import { COLUMNS, TOLERANCE, targetsOf, toMarkdown } from './report.mjs';
import { SUITE } from './suite.mjs';
import { loadTfjs, runTfjs } from './tfjs-peer.mjs';

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
console.log('this package: one thread (Node main thread)\n');

const rows = [];
try {
  for (const [index, testCase] of SUITE.entries()) {
    process.stdout.write(`${testCase.name} … `);
    const operands = caseOperands(testCase, index, workDir);
    const shape = outputShape(testCase.subscripts, testCase.shapes);
    const np = numpy
      ? await numpy.runCase(testCase.subscripts, operands, join(workDir, `case${index}-result.f64`))
      : undefined;
    const mine = runOurs(ours, testCase, operands);
    const peers = {};
    for (const backend of tfjs.backends.filter((b) => b.ready)) {
      const run = await runTfjs(tfjs.tf, backend.name, testCase.subscripts, operands);
      // a result of the wrong shape or value is not support: tf.einsum returns wrong shapes silently for some inputs
      if (
        run.result &&
        np &&
        (run.shape.join() !== shape.join() || !(relativeError(run.result, np.result) <= TOLERANCE.float32))
      ) {
        peers[backend.name] = { unsupported: `wrong result (shape [${run.shape}], expected [${shape}])` };
      } else peers[backend.name] = run;
    }
    const errors = {
      ours: np && mine.result ? relativeError(mine.result, np.result) : undefined,
      compiled: np && mine.compiledResult ? relativeError(mine.compiledResult, np.result) : undefined,
      kernel: np && mine.kernelResult ? relativeError(mine.kernelResult, np.result) : undefined,
      tfjsCpu: np && peers.cpu?.result ? relativeError(peers.cpu.result, np.result) : undefined,
    };
    for (const [what, value] of Object.entries(errors)) {
      if (what !== 'tfjsCpu' && value !== undefined && !(value <= TOLERANCE.float64)) {
        notes.push(`${testCase.name}: ${what} disagrees with numpy (relative error ${value})`);
      }
    }
    if (mine.shape && mine.shape.join() !== shape.join())
      notes.push(`${testCase.name}: result shape [${mine.shape}], expected [${shape}]`);
    const row = {
      name: testCase.name,
      subscripts: testCase.subscripts,
      shapes: testCase.shapes,
      productShaped: testCase.productShaped === true,
      overhead: testCase.overhead === true,
      flops: np?.flops,
      gflops: np?.flops && mine.einsum ? np.flops / mine.einsum / 1e9 : undefined,
      ours: {
        einsum: mine.einsum,
        compiled: mine.compiled,
        compiledAllocating: mine.compiledAllocating,
        kernel: mine.kernel,
      },
      numpy: np && { noOptimize: np.noOptimize, optimize: np.optimize },
      tfjs: Object.fromEntries(
        Object.entries(peers).map(([name, p]) => [
          name,
          p.unsupported ? { unsupported: p.unsupported } : { seconds: p.seconds },
        ]),
      ),
      errors,
    };
    row.targets = targetsOf(row);
    rows.push(row);
    console.log('done');
  }
} finally {
  numpy?.close();
  rmSync(workDir, { recursive: true, force: true });
}

for (const row of rows) {
  for (const [name, p] of Object.entries(row.tfjs))
    if (p.unsupported) notes.push(`tfjs ${name}, ${row.name}: ${p.unsupported}`);
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
for (const row of rows) {
  for (const t of row.targets) {
    const measured =
      t.seconds !== undefined ? `${(t.seconds * 1e6).toFixed(2)} µs` : `${t.ratio.toFixed(2)}×`;
    console.log(`${t.met ? 'met   ' : 'MISSED'}  ${row.name}: ${t.target} (${measured})`);
  }
}
for (const note of notes) console.log(`note: ${note}`);

const results = {
  date: new Date().toISOString(),
  machine,
  threads: 1,
  numpy: numpy?.info() ?? null,
  tfjs: { version: tfjs.version, backends: tfjs.backends },
  rows,
  notes,
};
writeFileSync(new URL('results.json', here), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(new URL('RESULTS.md', here), toMarkdown(results));
console.log('\nwrote bench/results.json and bench/RESULTS.md');
