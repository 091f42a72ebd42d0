// Turns the measured rows into the verdicts of issue 3's targets and into the printed and Markdown tables.

/** Tolerances of the agreement check (normwise relative error against numpy's float64 result). */
export const TOLERANCE = {
  // float64, at most 512 products per sum: error ≲ 512·2⁻⁵³ ≈ 6e-14 (normwise); 1e-12 leaves room for order.
  float64: 1e-12,
  // float32 peers: inputs rounded to 2⁻²⁴ and sums of ≤ 512 float32 products: ≲ 512·2⁻²⁴ ≈ 3e-5.
  float32: 1e-4,
};

const ratio = (peer, ours) => (peer !== undefined && ours !== undefined ? peer / ours : undefined);

/**
 * The targets of issue 3 for one row: each { target, peer, required, einsum, compiled, met } where einsum and
 * compiled are peer time / our time (above 1: we are faster) and `met` judges the one-shot einsum. Both are
 * kept so that a miss can be placed: compiled met but einsum not → the per-call parse/plan/build; both
 * missed → the execution. The call-overhead case is judged on the compiled call alone.
 * @example targetsOf(row)[0] // → { target: '≥ numpy.einsum optimize=False', einsum: 3.1, compiled: 3.3, met: true, … }
 */
export function targetsOf(row) {
  const targets = [];
  const push = (target, peer, required, bestKey) => {
    if (peer === undefined || row.ours.einsum === undefined) return;
    const einsum = ratio(peer, row.ours.einsum);
    const compiled = ratio(peer, row.ours.compiled);
    const bestEinsum = ratio(row.best?.[bestKey], row.best?.['ours.einsum']);
    targets.push({ target, required, einsum, compiled, bestEinsum, met: einsum >= required });
  };
  push('≥ numpy.einsum optimize=False', row.numpy?.noOptimize, 1, 'numpy.noOptimize');
  if (row.tfjs.cpu?.seconds !== undefined) push('≥ 5× tfjs-core cpu', row.tfjs.cpu.seconds, 5, 'tfjs.cpu');
  if (row.productShaped)
    push('≥ ¼ of numpy optimize=True (OpenBLAS)', row.numpy?.optimize, 0.25, 'numpy.optimize');
  if (row.subscripts === 'ij,jk,kl->il')
    push('within 2× of numpy optimize=True', row.numpy?.optimize, 0.5, 'numpy.optimize');
  if (row.overhead && row.ours.compiled !== undefined) {
    targets.push({
      target: 'compiled call < 2 µs',
      seconds: row.ours.compiled,
      met: row.ours.compiled < 2e-6,
    });
  }
  return targets;
}

/**
 * A target's measurement as text: the time for the overhead target, else both ratios.
 * @example describeTarget({ einsum: 0.5, compiled: 1.2, bestEinsum: 0.7 })
 * // → 'einsum 0.50×, compiled 1.2×; best samples: einsum 0.70×'
 */
export function describeTarget(t) {
  if (t.seconds !== undefined) return formatSeconds(t.seconds);
  return `einsum ${times(t.einsum)}, compiled ${times(t.compiled)}; best samples: einsum ${times(t.bestEinsum)}`;
}

/**
 * A duration with a unit and 3 significant digits.
 * @example formatSeconds(0.00123) // → '1.23 ms'
 */
export function formatSeconds(seconds) {
  if (seconds === undefined || seconds === null) return '–';
  if (seconds >= 1) return `${seconds.toPrecision(3)} s`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toPrecision(3)} ms`;
  if (seconds >= 1e-6) return `${(seconds * 1e6).toPrecision(3)} µs`;
  return `${(seconds * 1e9).toPrecision(3)} ns`;
}

function times(x) {
  return x === undefined ? '–' : `${x >= 10 ? x.toFixed(0) : x.toPrecision(2)}×`;
}
const error = (x) => (x === undefined ? '–' : x.toExponential(1));
const tfjsCell = (peer) =>
  peer === undefined ? '–' : peer.unsupported ? 'unsupported' : formatSeconds(peer.seconds);

/**
 * The table's columns as [header, cell(row)] pairs, shared by the console and Markdown renderers.
 * @example COLUMNS[0][0] // → 'case'
 */
export const COLUMNS = [
  ['case', (r) => r.name],
  ['subscripts', (r) => r.subscripts],
  ['einsum', (r) => formatSeconds(r.ours.einsum)],
  ['compiled', (r) => formatSeconds(r.ours.compiled)],
  ['gemm alone', (r) => formatSeconds(r.ours.kernel)],
  ['GFLOP/s', (r) => (r.gflops === undefined ? '–' : r.gflops.toFixed(2))],
  ['np opt=False', (r) => formatSeconds(r.numpy?.noOptimize)],
  ['np opt=True', (r) => formatSeconds(r.numpy?.optimize)],
  ['tfjs cpu', (r) => tfjsCell(r.tfjs.cpu)],
  ['tfjs wasm', (r) => tfjsCell(r.tfjs.wasm)],
  ['vs np False', (r) => times(ratio(r.numpy?.noOptimize, r.ours.einsum))],
  ['vs np True', (r) => times(ratio(r.numpy?.optimize, r.ours.einsum))],
  ['vs tfjs cpu', (r) => times(ratio(r.tfjs.cpu?.seconds, r.ours.einsum))],
  ['gemm vs np True', (r) => times(ratio(r.numpy?.optimize, r.ours.kernel))],
  ['rel. err', (r) => error(r.errors.ours)],
  ['tfjs rel. err', (r) => error(r.errors.tfjsCpu)],
];

const micro = (seconds) => (seconds === undefined ? null : Number((seconds * 1e6).toPrecision(3)));
const rounded = (x) => (x === undefined ? null : Number(x.toPrecision(3)));

/**
 * A row as the flat record that results.json's `rows` holds (the docs render it as a table and chart):
 * times in µs, ratios as peer time / einsum time, 'unsupported' where tf.einsum is.
 * @example flatRow(row)['einsum µs'] // → 2140
 */
export function flatRow(row) {
  const tfjs = (name) => (row.tfjs[name]?.unsupported ? 'unsupported' : micro(row.tfjs[name]?.seconds));
  return {
    case: row.name,
    subscripts: row.subscripts,
    'einsum µs': micro(row.ours.einsum),
    'compiled µs': micro(row.ours.compiled),
    'gemm alone µs': micro(row.ours.kernel),
    'GFLOP/s': rounded(row.gflops),
    'numpy optimize=False µs': micro(row.numpy?.noOptimize),
    'numpy optimize=True µs': micro(row.numpy?.optimize),
    'tfjs cpu µs': tfjs('cpu'),
    'tfjs wasm µs': tfjs('wasm'),
    'speedup vs numpy optimize=False': rounded(ratio(row.numpy?.noOptimize, row.ours.einsum)),
    'speedup vs numpy optimize=True': rounded(ratio(row.numpy?.optimize, row.ours.einsum)),
    'speedup vs tfjs cpu': rounded(ratio(row.tfjs.cpu?.seconds, row.ours.einsum)),
    'relative error vs numpy': row.errors.ours ?? null,
  };
}

/**
 * The targets as one line each, e.g. 'met: matmul 256³: ≥ numpy.einsum optimize=False (einsum 1.9×, …)'.
 * @example targetLines(rows)[0] // → 'met: matmul 256³: ≥ numpy.einsum optimize=False (einsum 1.9×, compiled 2.0×)'
 */
export function targetLines(rows) {
  return rows.flatMap((row) =>
    row.targets.map((t) => {
      const compiledOnly =
        t.seconds === undefined && !t.met && t.compiled >= t.required ? ' (compiled meets it)' : '';
      return `${t.met ? 'met' : 'MISSED'}: ${row.name}: ${t.target} (${describeTarget(t)})${compiledOnly}`;
    }),
  );
}

/**
 * The results as Markdown: machine, table, targets, notes.
 * @example toMarkdown(results).startsWith('# Benchmark') // → true
 */
export function toMarkdown(results) {
  const { machine, numpy, tfjs, cases } = results.details;
  const lines = [
    '# Benchmark results (generated by `pnpm bench`; do not edit)',
    '',
    `Run ${results.date} on source ${machine.source}. ${machine.cpu}, ${machine.cores} cores (load average at start ${machine.loadAverage.join(', ')}: timings on a shared machine are noisy; compare the ratios, taken side by side in one run), Node ${machine.node}.`,
    `numpy ${numpy?.numpy ?? '–'} with ${numpy?.blas ?? '–'}, BLAS threads ${numpy?.blasThreads ?? '?'} (OPENBLAS_NUM_THREADS=${numpy?.OPENBLAS_NUM_THREADS ?? 'unset'}); tfjs-core ${tfjs.version ?? '–'} (float32); this package: one thread.`,
    '',
    'Times are medians per call (targets are judged on them; the ratio of the best samples is shown beside). Ratios are peer time / this package’s `einsum` time (above 1: this package is faster); `gemm vs np True` divides by the kernel’s time instead.',
    'GFLOP/s uses numpy.einsum_path’s optimized FLOP count. `compiled` is `expr.into(out, …Float64Array)`; `gemm alone` times the kernel call the case amounts to.',
    'numpy’s results are made contiguous (`np.ascontiguousarray`, free when they already are), so its `ij->ji`, otherwise a view, is a materialised transpose like this package’s.',
    '',
    `| ${COLUMNS.map(([h]) => h).join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...cases.map(
      (r) => `| ${COLUMNS.map(([, cell]) => String(cell(r)).replaceAll('|', '\\|')).join(' | ')} |`,
    ),
    '',
    '## Targets (issue 3)',
    '',
    '| case | target | measured | met |',
    '|---|---|---|---|',
  ];
  for (const row of cases) {
    for (const t of row.targets) {
      const compiledOnly =
        t.seconds === undefined && !t.met && t.compiled >= t.required ? ' (compiled: yes)' : '';
      lines.push(
        `| ${row.name} | ${t.target} | ${describeTarget(t)} | ${t.met ? 'yes' : `**no**${compiledOnly}`} |`,
      );
    }
  }
  lines.push('', ...results.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}
