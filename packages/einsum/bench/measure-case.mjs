// One row of the benchmark: a case's results checked against numpy's, then every contender timed in turns.
import { join } from 'node:path';
import { outputShape, relativeError } from './compare.mjs';
import { caseOperands } from './operands.mjs';
import { prepareOurs } from './ours.mjs';
import { profileCall } from './profile.mjs';
import { TOLERANCE, targetsOf } from './report.mjs';
import { prepareTfjs } from './tfjs-peer.mjs';
import { interleavedTimes } from './timing.mjs';

/**
 * Measures one case of the suite: prepares this package, numpy and tfjs, checks their results against
 * numpy's (a tfjs result of the wrong shape or value counts as unsupported: tf.einsum returns wrong shapes
 * silently for some inputs), times all contenders interleaved (the SIMD peak among them for product cases,
 * so that both see the same clock), and returns the row with its targets. Disagreements go to `notes`; for
 * each target missed, a profile of the call it judged goes to `profiles`.
 * @example await measureCase({ ours, numpy, tfjs, peak }, SUITE[0], 0, dir, notes, []) // → { name: 'matmul 256³', … }
 */
export async function measureCase({ ours, numpy, tfjs, peak }, testCase, index, workDir, notes, profiles) {
  const dtype = testCase.dtype ?? 'float64';
  const operands = caseOperands(testCase, index, workDir);
  const shape = outputShape(testCase.subscripts, testCase.shapes);
  const np = numpy
    ? await numpy.loadCase(testCase.subscripts, operands, join(workDir, `case${index}-result.f64`), {
        dtype,
        kind: testCase.kind ?? 'einsum',
      })
    : undefined;
  const mine = prepareOurs(ours, testCase, operands);
  const tfjsRuns = {};
  for (const backend of tfjs.backends.filter((b) => b.ready && testCase.kind !== 'toFlat')) {
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

  const check = (result) => (np && result ? relativeError(result, np.result) : undefined);
  const errors = {
    ours: check(mine.result),
    compiled: check(mine.compiledResult),
    resident: check(mine.residentResult),
    kernel: check(mine.kernelResult),
    tfjsCpu: check(tfjsRuns.cpu?.result),
  };
  const tolerance = TOLERANCE[dtype];
  for (const [what, value] of Object.entries(errors)) {
    if (what !== 'tfjsCpu' && value !== undefined && !(value <= tolerance)) {
      notes.push(`${testCase.name}: ${what} disagrees with numpy (relative error ${value})`);
    }
  }
  if (mine.shape && mine.shape.join() !== shape.join())
    notes.push(`${testCase.name}: result shape [${mine.shape}], expected [${shape}]`);

  const contenders = Object.entries(mine.contenders).map(([key, c]) => [`ours.${key}`, c]);
  if (np) contenders.push(['numpy.noOptimize', np.noOptimize], ['numpy.optimize', np.optimize]);
  for (const [name, run] of Object.entries(tfjsRuns))
    if (run.contender) contenders.push([`tfjs.${name}`, run.contender]);
  const measuresPeak = testCase.productShaped && !testCase.overhead && peak;
  if (measuresPeak) contenders.push(['peak', peak[dtype].contender]);
  const measured = await interleavedTimes(contenders.map(([, c]) => c));
  const seconds = Object.fromEntries(contenders.map(([key], i) => [key, measured[i].median]));
  const best = Object.fromEntries(contenders.map(([key], i) => [key, measured[i].best]));
  for (const run of Object.values(tfjsRuns)) run.dispose?.();

  const gflops = (time) => (np?.flops && time ? np.flops / time / 1e9 : undefined);
  const row = {
    name: testCase.name,
    subscripts: testCase.subscripts,
    dtype,
    kind: testCase.kind ?? 'einsum',
    shapes: testCase.shapes,
    productShaped: testCase.productShaped === true,
    overhead: testCase.overhead === true,
    outer: testCase.outer === true,
    flops: np?.flops,
    gflops: gflops(seconds['ours.einsum']),
    residentGflops: gflops(seconds['ours.resident']),
    peakGflops: measuresPeak ? peak[dtype].flops / seconds.peak / 1e9 : undefined,
    ours: {
      einsum: seconds['ours.einsum'],
      compiled: seconds['ours.compiled'],
      compiledAllocating: seconds['ours.compiledAllocating'],
      resident: seconds['ours.resident'],
      kernel: seconds['ours.kernel'],
      floor: seconds['ours.floor'],
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
  const judged = new Set(row.targets.filter((t) => !t.met && t.judged).map((t) => t.judged));
  for (const what of judged) {
    const call = mine.calls[what];
    if (call) profiles.push({ case: row.name, what, ...(await profileCall(call)) });
  }
  mine.release();
  return row;
}
