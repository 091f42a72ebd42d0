// PyTorch autograd as a third oracle: on exported models its loss and gradients equal @rnn/core's bptt and literal
// forms of (13), (21), (24), full and truncated, to 1e-10 in float64. The figures go to results.json (the docs).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Checkpoint,
  checkpointFromJson,
  createTrainer,
  gradients,
  initParams,
  loss,
  type Params,
} from '@rnn/core';
import { exportTorch } from '@rnn/core/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli, scratch, smallText } from '../run-cli.js';
import { runPython } from './python.js';
import { recordResults } from './results.js';

/** The bound. Both sides compute the same float64 sums in different orders (autograd with BLAS, our einsum
 * kernels), so they differ by rounding: a few ulps of the O(1) terms, summed over T·H of them, about 1e-14 here. */
const TOLERANCE = 1e-10;
const SEED = Number(process.env.RNN_TORCH_SEED ?? Date.now() % 2 ** 31);

/** One gradient problem: a model of K tokens and H units (weights ±scale/√fan-in), a sequence, a BPTT window. */
interface Problem {
  readonly K: number;
  readonly H: number;
  readonly seed: number;
  readonly scale: number;
  readonly xs: number[];
  readonly ys: number[];
  readonly truncate: number | null;
}

const problemArbitrary: fc.Arbitrary<Problem> = fc
  .record({
    K: fc.integer({ min: 2, max: 40 }),
    H: fc.integer({ min: 1, max: 24 }),
    T: fc.integer({ min: 1, max: 30 }),
    seed: fc.nat(),
    scale: fc.constantFrom(0.3, 1, 3),
    window: fc.option(fc.nat({ max: 30 }), { nil: null, freq: 2 }), // full BPTT in about half the cases
  })
  .chain(({ K, H, T, seed, scale, window }) =>
    fc.record({
      K: fc.constant(K),
      H: fc.constant(H),
      seed: fc.constant(seed),
      scale: fc.constant(scale),
      xs: fc.array(fc.nat({ max: K - 1 }), { minLength: T, maxLength: T }),
      ys: fc.array(fc.nat({ max: K - 1 }), { minLength: T, maxLength: T }),
      truncate: fc.constant(window === null ? null : Math.min(window, T)),
    }),
  );

/** A checkpoint holding `params` (K single-character tokens), as `rnn export` would get it from `rnn train`. */
function checkpointOf(params: Params, K: number, H: number): Checkpoint {
  const text = Array.from({ length: K }, (_, i) => String.fromCodePoint(0x41 + i))
    .join('')
    .repeat(2);
  const checkpoint = createTrainer({ text, hiddenSize: H, seqLength: 1 }).checkpoint();
  const [U, W, V] = [params.U, params.W, params.V].map((t) => Float64Array.from(t.toFlat()));
  return { ...checkpoint, parameters: { U: U as Float64Array, W: W as Float64Array, V: V as Float64Array } };
}

/**
 * A model trained by `rnn train` on the shipped corpus (H = 64) and exported by `rnn export --format torch`, with
 * 25 tokens of the corpus: the realistic case, beside the random ones.
 */
async function trainedProblem(root: string): Promise<{ problem: Problem; params: Params; folder: string }> {
  writeFileSync(join(root, 'text.txt'), smallText(20_000));
  const train = ['train', 'text.txt', '--hidden', '64', '--steps', '40', '--checkpoint', 'trained.json'];
  expect((await runCli(train, { cwd: root })).code).toBe(0);
  expect(
    (await runCli(['export', 'trained.json', '--format', 'torch', '--out', 'trained'], { cwd: root })).code,
  ).toBe(0);
  const checkpoint = checkpointFromJson(readFileSync(join(root, 'trained.json'), 'utf8'));
  const { tokens } = checkpoint.vocabulary;
  const ids = [...smallText(20_000).slice(5000, 5026)].map((char) => tokens.indexOf(char));
  const K = tokens.length;
  const H = checkpoint.hyperparameters.hiddenSize;
  const params = initParams({ vocabSize: K, hiddenSize: H, seed: 1 });
  params.U.data.set(checkpoint.parameters.U);
  params.W.data.set(checkpoint.parameters.W);
  params.V.data.set(checkpoint.parameters.V);
  const problem = { K, H, seed: 0, scale: 1, xs: ids.slice(0, -1), ys: ids.slice(1), truncate: null };
  return { problem, params, folder: join(root, 'trained') };
}

/** Fresh parameters (uniform in ±1/√fan-in), scaled by `scale` in place: 3 drives tanh into saturation. */
function paramsOf({ K, H, seed, scale }: Problem): Params {
  const params = initParams({ vocabSize: K, hiddenSize: H, seed });
  for (const { data } of [params.U, params.W, params.V])
    data.forEach((x, i) => {
      data[i] = x * scale;
    });
  return params;
}

const largestDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Array.from(a).reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] as number))), 0);
const largestMagnitude = (a: ArrayLike<number>): number =>
  Array.from(a).reduce((m, x) => Math.max(m, Math.abs(x)), 0);

describe('PyTorch autograd on the exported model', () => {
  it(`equals @rnn/core's loss and bptt and literal gradients to ${TOLERANCE} (seed ${SEED})`, async () => {
    const root = scratch();
    const trained = await trainedProblem(root);
    const problems = [...fc.sample(problemArbitrary, { seed: SEED, numRuns: 30 }), trained.problem];
    const cases = problems.map((problem, i) => {
      const folder = i === problems.length - 1 ? trained.folder : join(root, `case-${i}`);
      if (folder !== trained.folder)
        exportTorch(folder, checkpointOf(paramsOf(problem), problem.K, problem.H));
      return { folder, xs: problem.xs, ys: problem.ys, truncate: problem.truncate };
    });
    const casesPath = join(root, 'cases.json');
    writeFileSync(casesPath, JSON.stringify({ cases }));
    const run = await runPython([join(import.meta.dirname, 'torch_gradients.py'), casesPath], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const torch = JSON.parse(run.stdout) as {
      torch: string;
      python: string;
      results: { loss: number; dU: number[]; dW: number[]; dV: number[] }[];
    };
    const rows = {
      V: { bptt: 0, literal: 0, largest: 0 },
      W: { bptt: 0, literal: 0, largest: 0 },
      U: { bptt: 0, literal: 0, largest: 0 },
    };
    let lossDifference = 0;
    problems.forEach((problem, i) => {
      const params = problem === trained.problem ? trained.params : paramsOf(problem);
      const result = torch.results[i];
      const options = problem.truncate === null ? {} : { truncate: problem.truncate };
      const bptt = gradients(params, problem.xs, problem.ys, { ...options, method: 'bptt' });
      const literal = gradients(params, problem.xs, problem.ys, { ...options, method: 'literal' });
      const context = `case ${i} of seed ${SEED}: K ${problem.K}, H ${problem.H}, T ${problem.xs.length}, truncate ${problem.truncate}`;
      lossDifference = Math.max(
        lossDifference,
        Math.abs(loss(params, problem.xs, problem.ys) - (result?.loss ?? Number.NaN)),
      );
      for (const name of ['U', 'W', 'V'] as const) {
        const theirs = result?.[`d${name}`] ?? [];
        expect(theirs, context).toHaveLength(bptt[`d${name}`].toFlat().length);
        const row = rows[name];
        row.bptt = Math.max(row.bptt, largestDifference(bptt[`d${name}`].toFlat(), theirs));
        row.literal = Math.max(row.literal, largestDifference(literal[`d${name}`].toFlat(), theirs));
        row.largest = Math.max(row.largest, largestMagnitude(theirs));
        expect(row.bptt, `${context}: d${name}, bptt`).toBeLessThan(TOLERANCE);
        expect(row.literal, `${context}: d${name}, literal`).toBeLessThan(TOLERANCE);
      }
    });
    expect(lossDifference).toBeLessThan(TOLERANCE);
    const sizes = (key: 'K' | 'H') => problems.map((p) => p[key]);
    const lengths = problems.map((p) => p.xs.length);
    const results = {
      python: torch.python,
      seed: SEED,
      cases: problems.length,
      truncated: problems.filter((p) => p.truncate !== null).length,
      trained: `model trained 40 steps on the shipped corpus by rnn train (K ${trained.problem.K}, H ${trained.problem.H}, T ${trained.problem.xs.length})`,
      sizes: `K ${Math.min(...sizes('K'))}–${Math.max(...sizes('K'))}, H ${Math.min(...sizes('H'))}–${Math.max(...sizes('H'))}, T ${Math.min(...lengths)}–${Math.max(...lengths)}`,
      tolerance: TOLERANCE,
      loss: lossDifference,
      rows: [
        { equation: '13', parameter: 'V', ...rows.V },
        { equation: '21', parameter: 'W', ...rows.W },
        { equation: '24', parameter: 'U', ...rows.U },
      ],
    };
    recordResults('gradients', results, torch.torch);
    console.log(
      `PyTorch ${torch.torch} autograd vs @rnn/core over ${problems.length} models (seed ${SEED}): ` +
        results.rows
          .map(
            (r) =>
              `(${r.equation}) d${r.parameter}: bptt ${r.bptt.toExponential(1)}, literal ${r.literal.toExponential(1)}`,
          )
          .join('; ') +
        `; loss ${lossDifference.toExponential(1)}`,
    );
  });
});
