// Turns the measured rows into the verdicts of the targets (issues 3 and 10) and into tables and Markdown.

/** Tolerances of the agreement check (normwise relative error against numpy's result in the same dtype). */
export const TOLERANCE = {
  // float64, at most 512 products per sum: error ≲ 512·2⁻⁵³ ≈ 6e-14 (normwise); 1e-12 leaves room for order.
  float64: 1e-12,
  // float32 (ours and numpy's both in float32, or tfjs's against numpy's float64): ≲ 512·2⁻²⁴ ≈ 3e-5.
  float32: 1e-4,
};

/** Matrix products held to issue 10's share of the SIMD peak (or of OpenBLAS). */
const PEAK_CASES = /^(matmul 256³|batched 32×64³|attention 2×4×64×32|step 32×256²)/;

const ratio = (peer, ours) => (peer !== undefined && ours !== undefined ? peer / ours : undefined);

/**
 * The targets for one row, each { issue, target, required, einsum, compiled, met } where einsum and compiled
 * are peer time / our time (above 1: we are faster) and `met` judges the one-shot call (or, as said in the
 * target, the compiled or resident one). Both ratios are kept so that a miss can be placed: compiled met but
 * einsum not → the per-call work (planning lookup, allocation, copies); both missed → the execution.
 * @example targetsOf(row)[0] // → { issue: 10, target: '≥ numpy.einsum optimize=False', einsum: 3.1, met: true, … }
 */
export function targetsOf(row) {
  const targets = [];
  const push = (issue, target, peer, required, bestKey, judged = 'einsum') => {
    if (peer === undefined || row.ours[judged] === undefined) return;
    const einsum = ratio(peer, row.ours.einsum);
    const compiled = ratio(peer, row.ours.compiled);
    const resident = ratio(peer, row.ours.resident);
    const bestEinsum = ratio(row.best?.[bestKey], row.best?.['ours.einsum']);
    const value = ratio(peer, row.ours[judged]);
    targets.push({
      issue,
      target,
      required,
      einsum,
      compiled,
      resident,
      bestEinsum,
      judged,
      met: value >= required,
    });
  };
  if (row.kind === 'toFlat') {
    push(10, '≥ numpy.ascontiguousarray(a.T)', row.numpy?.noOptimize, 1, 'numpy.noOptimize');
    return targets;
  }
  if (row.outer) {
    push(10, 'one-shot ≥ 0.5× numpy.einsum optimize=False', row.numpy?.noOptimize, 0.5, 'numpy.noOptimize');
    push(
      10,
      'into() ≥ numpy.einsum optimize=False',
      row.numpy?.noOptimize,
      1,
      'numpy.noOptimize',
      'compiled',
    );
  } else push(10, '≥ numpy.einsum optimize=False', row.numpy?.noOptimize, 1, 'numpy.noOptimize');
  if (row.tfjs.cpu?.seconds !== undefined) push(3, '≥ 5× tfjs-core cpu', row.tfjs.cpu.seconds, 5, 'tfjs.cpu');
  if (row.productShaped)
    push(3, '≥ ¼ of numpy optimize=True (OpenBLAS)', row.numpy?.optimize, 0.25, 'numpy.optimize');
  if (row.subscripts === 'ij,jk,kl->il')
    push(3, 'within 2× of numpy optimize=True', row.numpy?.optimize, 0.5, 'numpy.optimize');
  if (row.overhead && row.ours.compiled !== undefined) {
    targets.push({
      issue: 3,
      target: 'compiled call < 2 µs',
      seconds: row.ours.compiled,
      judged: 'compiled',
      met: row.ours.compiled < 2e-6,
    });
  }
  if (PEAK_CASES.test(row.name) && row.peakGflops !== undefined && row.residentGflops !== undefined) {
    const share = row.residentGflops / row.peakGflops;
    const versusBlas = ratio(row.numpy?.optimize, row.ours.einsum);
    targets.push({
      issue: 10,
      target: '≥ 75% of the SIMD peak (resident) or ≥ 0.45× numpy optimize=True (einsum)',
      share,
      versusBlas,
      judged: 'resident',
      met: share >= 0.75 || (versusBlas ?? 0) >= 0.45,
    });
  }
  return targets;
}

/**
 * A target's measurement as text.
 * @example describeTarget({ einsum: 0.5, compiled: 1.2, bestEinsum: 0.7 })
 * // → 'einsum 0.50×, compiled 1.2×; best samples: einsum 0.70×'
 */
export function describeTarget(t) {
  if (t.seconds !== undefined) return formatSeconds(t.seconds);
  if (t.share !== undefined) return `${percent(t.share)} of the peak; einsum ${times(t.versusBlas)} OpenBLAS`;
  const resident = t.resident === undefined ? '' : `, resident ${times(t.resident)}`;
  return `einsum ${times(t.einsum)}, compiled ${times(t.compiled)}${resident}; best samples: einsum ${times(t.bestEinsum)}`;
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
const percent = (x) => (x === undefined ? '–' : `${(x * 100).toFixed(0)}%`);
const error = (x) => (x === undefined ? '–' : x.toExponential(1));
const tfjsCell = (peer) =>
  peer === undefined ? '–' : peer.unsupported ? 'unsupported' : formatSeconds(peer.seconds);
const gf = (x) => (x === undefined ? '–' : x.toFixed(1));

/**
 * Every column as [header, cell(row)]: the console table and RESULTS.md show them all; the README a subset.
 * @example COLUMNS[0][0] // → 'case'
 */
export const COLUMNS = [
  ['case', (r) => r.name],
  ['subscripts', (r) => r.subscripts],
  ['dtype', (r) => r.dtype],
  ['einsum', (r) => formatSeconds(r.ours.einsum)],
  ['compiled', (r) => formatSeconds(r.ours.compiled)],
  ['resident', (r) => formatSeconds(r.ours.resident)],
  ['gemm alone', (r) => formatSeconds(r.ours.kernel)],
  ['fresh array', (r) => formatSeconds(r.ours.floor)],
  ['GFLOP/s', (r) => gf(r.gflops)],
  ['resident GFLOP/s', (r) => gf(r.residentGflops)],
  ['SIMD peak GFLOP/s', (r) => gf(r.peakGflops)],
  [
    '% of peak',
    (r) => percent(r.residentGflops && r.peakGflops ? r.residentGflops / r.peakGflops : undefined),
  ],
  ['np opt=False', (r) => formatSeconds(r.numpy?.noOptimize)],
  ['np opt=True', (r) => formatSeconds(r.numpy?.optimize)],
  ['tfjs cpu', (r) => tfjsCell(r.tfjs.cpu)],
  ['tfjs wasm', (r) => tfjsCell(r.tfjs.wasm)],
  ['vs np False', (r) => times(ratio(r.numpy?.noOptimize, r.ours.einsum))],
  ['vs np True', (r) => times(ratio(r.numpy?.optimize, r.ours.einsum))],
  ['compiled vs np False', (r) => times(ratio(r.numpy?.noOptimize, r.ours.compiled))],
  ['vs tfjs cpu', (r) => times(ratio(r.tfjs.cpu?.seconds, r.ours.einsum))],
  ['rel. err', (r) => error(r.errors.ours)],
  ['tfjs rel. err', (r) => error(r.errors.tfjsCpu)],
];

/** The README's columns: the ones a reader compares. */
export const README_COLUMNS = [
  'case',
  'dtype',
  'einsum',
  'compiled',
  'resident',
  'np opt=False',
  'np opt=True',
  'vs np False',
  'vs np True',
  '% of peak',
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
    dtype: row.dtype,
    'einsum µs': micro(row.ours.einsum),
    'compiled µs': micro(row.ours.compiled),
    'resident µs': micro(row.ours.resident),
    'gemm alone µs': micro(row.ours.kernel),
    'GFLOP/s': rounded(row.gflops),
    'SIMD peak GFLOP/s': rounded(row.peakGflops),
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
 * The targets as one line each, e.g. 'met (issue 10): matmul 256³: ≥ numpy.einsum optimize=False (einsum 1.9×, …)'.
 * @example targetLines(rows)[0] // → 'met (issue 10): matmul 256³: ≥ numpy.einsum optimize=False (einsum 1.9×, …)'
 */
export function targetLines(rows) {
  return rows.flatMap((row) =>
    row.targets.map((t) => {
      const compiledOnly =
        t.seconds === undefined && t.share === undefined && !t.met && t.compiled >= t.required
          ? ' (compiled meets it)'
          : '';
      return `${t.met ? 'met' : 'MISSED'} (issue ${t.issue}): ${row.name}: ${t.target} (${describeTarget(t)})${compiledOnly}`;
    }),
  );
}

/**
 * A Markdown table of `rows` (measured rows) with the named columns.
 * @example markdownTable(cases, README_COLUMNS).split('\n')[0] // → '| case | dtype | einsum | … |'
 */
export function markdownTable(rows, columns = COLUMNS.map(([header]) => header)) {
  const chosen = columns.map((header) => COLUMNS.find(([h]) => h === header));
  return [
    `| ${chosen.map(([h]) => h).join(' | ')} |`,
    `|${chosen.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${chosen.map(([, cell]) => String(cell(r)).replaceAll('|', '\\|')).join(' | ')} |`),
  ].join('\n');
}

/**
 * The profiles of the cases that missed a target, as Markdown lines: the functions where one call spends
 * its time (self time, sampled by V8's profiler while the call repeats).
 * @example profileLines(results.details.profiles)[0] // → '- **outer 1000** (one-shot einsum): …'
 */
export function profileLines(profiles = []) {
  return profiles.map(
    (p) =>
      `- **${p.case}** (${p.what}, ${p.samples} samples): ${p.top.map((f) => `${f.name} ${percent(f.share)}`).join(', ')}`,
  );
}

/**
 * The results as Markdown: machine, table, targets, profiles of the misses, notes.
 * @example toMarkdown(results).startsWith('# Benchmark') // → true
 */
export function toMarkdown(results) {
  const { machine, numpy, tfjs, cases } = results.details;
  const lines = [
    '# Benchmark results (generated by `pnpm bench`; do not edit)',
    '',
    `Run ${results.date} on source ${machine.source}. ${machine.cpu}, ${machine.cores} cores (load average at start ${machine.loadAverage.join(', ')}: timings on a shared machine are noisy; compare the ratios, taken side by side in one run), Node ${machine.node}.`,
    `numpy ${numpy?.numpy ?? '–'} with ${numpy?.blas ?? '–'}, BLAS threads ${numpy?.blasThreads ?? '?'} (OPENBLAS_NUM_THREADS=${numpy?.OPENBLAS_NUM_THREADS ?? 'unset'}); tfjs-core ${tfjs.version ?? '–'} (float32); this package: one thread, backend ${machine.backend ?? '?'}.`,
    '',
    'Times are medians per call (targets are judged on them; the ratio of the best samples is shown beside). Ratios are peer time / this package’s time (above 1: this package is faster).',
    '`einsum` is the one-shot call; `compiled` is `expr.into(out, …typed arrays)`; `resident` the same expression over operands and output in kernel memory (an arena: no copies); `gemm alone` times the kernel call the case amounts to; `fresh array` allocates an array of the result’s size and writes it once by a bulk copy (the floor of any call that returns a new result).',
    'GFLOP/s uses numpy.einsum_path’s optimized FLOP count; the SIMD peak is a register-only loop of independent multiply-add chains (bench/peak.wat), timed in turns with the case.',
    'numpy’s results are made contiguous (`np.ascontiguousarray`, free when they already are), so its `ij->ji`, otherwise a view, is a materialised transpose, whereas this package’s one-shot `ij->ji` is a view (as numpy’s own is); the copy is timed separately (`copy of transposed`).',
    '',
    markdownTable(cases),
    '',
    '## Targets',
    '',
    '| issue | case | target | measured | met |',
    '|---|---|---|---|---|',
  ];
  for (const row of cases) {
    for (const t of row.targets) {
      const compiledOnly =
        t.seconds === undefined && t.share === undefined && !t.met && t.compiled >= t.required
          ? ' (compiled: yes)'
          : '';
      lines.push(
        `| ${t.issue} | ${row.name} | ${t.target} | ${describeTarget(t)} | ${t.met ? 'yes' : `**no**${compiledOnly}`} |`,
      );
    }
  }
  const profiles = profileLines(results.details.profiles);
  if (profiles.length > 0) lines.push('', '## Where the time goes in the misses', '', ...profiles);
  lines.push('', ...results.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}
