// One row of the benchmark: a case's results checked against numpy, then every contender timed in turns.
import { join } from 'node:path';
import { outputShape, relativeError } from './compare.mjs';
import { caseOperands } from './operands.mjs';
import { prepareOurs } from './ours.mjs';
import { TOLERANCE, targetsOf } from './report.mjs';
import { prepareTfjs } from './tfjs-peer.mjs';
import { interleavedTimes } from './timing.mjs';

/**
 * Measures one case of the suite: prepares this package, numpy and tfjs, checks their results against
 * numpy's (a tfjs result of the wrong shape or value counts as unsupported: tf.einsum returns wrong shapes
 * silently for some inputs), times all contenders interleaved, and returns the row with its targets.
 * Disagreements are pushed to `notes`.
 * @example await measureCase({ ours, numpy, tfjs }, SUITE[0], 0, dir, notes) // → { name: 'matmul 256³', … }
 */
export async function measureCase({ ours, numpy, tfjs }, testCase, index, workDir, notes) {
  const operands = caseOperands(testCase, index, workDir);
  const shape = outputShape(testCase.subscripts, testCase.shapes);
  const np = numpy
    ? await numpy.loadCase(testCase.subscripts, operands, join(workDir, `case${index}-result.f64`))
    : undefined;
  const mine = prepareOurs(ours, testCase, operands);
  const tfjsRuns = {};
  for (const backend of tfjs.backends.filter((b) => b.ready)) {
    const run = await prepareTfjs(tfjs.tf, backend.name, testCase.subscripts, operands);
    const wrong =
      run.result &&
      np &&
      (run.shape.join() !== shape.join() || !(relativeError(run.result, np.result) <= TOLERANCE.float32));
    if (wrong) {
      run.dispose();
      tfjsRuns[backend.name] = { unsupported: `wrong result (shape [${run.shape}], expected [${shape}])` };
    } else tfjsRuns[backend.name] = run;
  }

  const errors = {
    ours: np && mine.result ? relativeError(mine.result, np.result) : undefined,
    compiled: np && mine.compiledResult ? relativeError(mine.compiledResult, np.result) : undefined,
    kernel: np && mine.kernelResult ? relativeError(mine.kernelResult, np.result) : undefined,
    tfjsCpu: np && tfjsRuns.cpu?.result ? relativeError(tfjsRuns.cpu.result, np.result) : undefined,
  };
  for (const [what, value] of Object.entries(errors)) {
    if (what !== 'tfjsCpu' && value !== undefined && !(value <= TOLERANCE.float64)) {
      notes.push(`${testCase.name}: ${what} disagrees with numpy (relative error ${value})`);
    }
  }
  if (mine.shape && mine.shape.join() !== shape.join())
    notes.push(`${testCase.name}: result shape [${mine.shape}], expected [${shape}]`);

  const contenders = Object.entries(mine.contenders).map(([key, c]) => [`ours.${key}`, c]);
  if (np) contenders.push(['numpy.noOptimize', np.noOptimize], ['numpy.optimize', np.optimize]);
  for (const [name, run] of Object.entries(tfjsRuns))
    if (run.contender) contenders.push([`tfjs.${name}`, run.contender]);
  const measured = await interleavedTimes(contenders.map(([, c]) => c));
  const seconds = Object.fromEntries(contenders.map(([key], i) => [key, measured[i].median]));
  const best = Object.fromEntries(contenders.map(([key], i) => [key, measured[i].best]));
  for (const run of Object.values(tfjsRuns)) run.dispose?.();

  const row = {
    name: testCase.name,
    subscripts: testCase.subscripts,
    shapes: testCase.shapes,
    productShaped: testCase.productShaped === true,
    overhead: testCase.overhead === true,
    flops: np?.flops,
    gflops: np?.flops && seconds['ours.einsum'] ? np.flops / seconds['ours.einsum'] / 1e9 : undefined,
    ours: {
      einsum: seconds['ours.einsum'],
      compiled: seconds['ours.compiled'],
      compiledAllocating: seconds['ours.compiledAllocating'],
      kernel: seconds['ours.kernel'],
    },
    numpy: np && { noOptimize: seconds['numpy.noOptimize'], optimize: seconds['numpy.optimize'] },
    tfjs: Object.fromEntries(
      Object.entries(tfjsRuns).map(([name, run]) => [
        name,
        run.unsupported ? { unsupported: run.unsupported } : { seconds: seconds[`tfjs.${name}`] },
      ]),
    ),
    errors,
    best,
  };
  row.targets = targetsOf(row);
  return row;
}
