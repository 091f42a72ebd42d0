// The bench's verdicts on the issues' targets, and the Markdown tables of bench/RESULTS.md and the README.

const find = (rows, label) => rows.find((row) => row.label === label && !row.failed);

/** One verdict per target: the measured figure, whether it is met, and by how much. */
export function checkTargets(rows) {
  const targets = [];
  /** Wall-time ratio numerator / denominator against `minimum`, with the CPU-time ratio beside it. */
  const ratio = (issue, name, numerator, denominator, minimum) => {
    if (!numerator || !denominator) {
      targets.push({ issue, target: name, measured: 'not measured', met: false });
      return;
    }
    const value = numerator.charsPerSecond / denominator.charsPerSecond;
    const cpu =
      numerator.charsPerCpuSecond && denominator.charsPerCpuSecond
        ? ` (CPU time: ${(numerator.charsPerCpuSecond / denominator.charsPerCpuSecond).toFixed(2)}×)`
        : '';
    targets.push({
      issue,
      target: name,
      measured: `${value.toFixed(2)}×${cpu}`,
      value,
      met: value >= minimum,
    });
  };
  // issue 11: the hot path at 2× numpy, batches that pay, float32, and a CLI as fast as the library
  const peers = [
    ['H=100 B=1', 'numpy batched H=100', 2, 'numpy batched B=1'],
    ['H=256 B=1', 'numpy batched H=256', 1.5, 'numpy batched B=1'],
    ['H=256 B=32', 'numpy minibatch H=256 B=32', 0.5, 'numpy B=32'],
  ];
  for (const [shape, peer, minimum, peerName] of peers) {
    for (const who of ['@rnn/core', 'rnn train --json']) {
      ratio(
        11,
        `${who} ${shape} float64 ≥ ${minimum}× ${peerName}`,
        find(rows, `${who} ${shape}`),
        find(rows, peer),
        minimum,
      );
    }
  }
  for (const who of ['@rnn/core', 'rnn train --json']) {
    ratio(
      11,
      `${who} H=256 B=32 float32 ≥ 1.6× its float64`,
      find(rows, `${who} H=256 B=32 float32`),
      find(rows, `${who} H=256 B=32`),
      1.6,
    );
  }
  for (const shape of ['H=100 B=1', 'H=256 B=1', 'H=256 B=32', 'H=256 B=32 float32']) {
    ratio(
      11,
      `rnn train --json ${shape} within 5% of @rnn/core (≥ 0.95×)`,
      find(rows, `rnn train --json ${shape}`),
      find(rows, `@rnn/core ${shape}`),
      0.95,
    );
  }
  for (const who of ['@rnn/core', 'rnn train --json']) {
    const row = find(rows, `${who} H=256 B=32`);
    const rss = row?.peakRssMB;
    targets.push({
      issue: 11,
      target: `peak RSS of ${who}, 1 MB corpus, H=256, B=32 (< 300 MB)`,
      measured: typeof rss === 'number' ? `${rss.toFixed(0)} MB` : 'not measured',
      value: rss,
      met: typeof rss === 'number' && rss < 300,
    });
  }
  const numpyPeer = (row) =>
    (row.batch ?? 1) === 1
      ? find(rows, `numpy batched H=${row.hidden}`)
      : find(rows, `numpy minibatch H=${row.hidden} B=${row.batch}`);
  for (const row of rows.filter((r) => !r.failed && /^(@rnn\/core|rnn train)/.test(r.label))) {
    const numpy = numpyPeer(row);
    if (numpy === undefined) continue;
    const gap = Math.abs(row.loss - numpy.loss) / numpy.loss;
    targets.push({
      issue: 11,
      target: `loss of ${row.label} within 10% of numpy's after the same characters`,
      measured: `${row.loss.toFixed(3)} vs ${numpy.loss.toFixed(3)}: ${(100 * gap).toFixed(1)}%`,
      value: gap,
      met: gap <= 0.1,
    });
  }
  // the targets of the earlier issues (the first rnn suite), kept so that a regression shows
  for (const hidden of [100, 256]) {
    const core = find(rows, `@rnn/core H=${hidden} B=1`);
    ratio(
      'earlier',
      `faster than numpy per-step, H=${hidden}, B=1 (≥ 1×)`,
      core,
      find(rows, `numpy per-step H=${hidden}`),
      1,
    );
  }
  const core100 = find(rows, '@rnn/core H=100 B=1');
  for (const peer of [
    'tfjs-layers SimpleRNN cpu H=100',
    'tfjs-layers SimpleRNN wasm H=100',
    'brain.js recurrent.RNN H=100',
  ]) {
    ratio('earlier', `≥ 10× ${peer.replace(' H=100', '')}, H=100, B=1`, core100, find(rows, peer), 10);
  }
  for (const hidden of [100, 256]) {
    ratio(
      'earlier',
      `batch 32 ≥ 5× batch 1 throughput, H=${hidden}`,
      find(rows, `@rnn/core H=${hidden} B=32`),
      find(rows, `@rnn/core H=${hidden} B=1`),
      5,
    );
  }
  return targets;
}

const format = (value) =>
  typeof value !== 'number'
    ? '–'
    : value >= 100
      ? Math.round(value).toLocaleString('en-US')
      : value.toFixed(1);

/** The Markdown report: the machine, one row per measurement with its ratio to its numpy peer, then the targets. */
export function renderTable(results) {
  const { rows } = results;
  const loadText = results.load
    ? `; load average ${results.load.start.join(', ')} at the start, ${results.load.end.join(', ')} at the end`
    : '';
  const lines = [
    `Machine: ${results.machine}${loadText}; Node ${results.node}; numpy ${results.numpy} with OPENBLAS_NUM_THREADS=${results.openblasThreads}; one thread per measurement; ${results.date.slice(0, 10)}.`,
    `Metric: ${results.metric}.`,
    '',
    '| measurement | characters | chars / s | chars / CPU s | ÷ numpy peer (wall) | loss (nats) | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const peerOf = (row) => {
    if (!/^(@rnn\/core|rnn train)/.test(row.label)) return undefined;
    return (row.batch ?? 1) === 1
      ? find(rows, `numpy batched H=${row.hidden}`)
      : find(rows, `numpy minibatch H=${row.hidden} B=${row.batch}`);
  };
  for (const row of rows) {
    if (row.failed) {
      lines.push(`| ${row.label} | – | failed: ${row.failed.replaceAll('|', '/')} | – | – | – | – |`);
      continue;
    }
    const peer = peerOf(row);
    const versus = peer ? `${(row.charsPerSecond / peer.charsPerSecond).toFixed(2)}×` : '–';
    const loss =
      typeof row.loss === 'number'
        ? row.loss.toFixed(3)
        : `n/a (${row.implementation.split(' ')[0]} reports its own error)`;
    const rss = typeof row.peakRssMB === 'number' ? `${row.peakRssMB.toFixed(0)} MB` : '–';
    lines.push(
      `| ${row.label} | ${row.chars.toLocaleString('en-US')} | ${format(row.charsPerSecond)} | ${format(row.charsPerCpuSecond)} | ${versus} | ${loss} | ${rss} |`,
    );
  }
  lines.push('', '| issue | target | measured | met |', '|---|---|---|---|');
  for (const t of checkTargets(rows)) {
    lines.push(`| ${t.issue} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`);
  }
  lines.push(...renderPhases(results));
  if (results.divergence?.length) {
    lines.push(
      '',
      '| runs from the same initial parameters, H, B | losses of step 1 | agree to 1e−12 up to step | first step 1% apart |',
      '|---|---|---|---|',
    );
    for (const d of results.divergence) {
      lines.push(
        `| ${d.pair}, ${d.hidden}, ${d.batch ?? 1} | ${d.firstStepLosses.map((x) => x.toPrecision(17)).join(' vs ')} | ${d.agreeTo1e12UpToStep} | ${d.firstStepApartBy1Percent ?? 'never'} |`,
      );
    }
  }
  return lines.join('\n');
}

const micro = (value) =>
  typeof value === 'number'
    ? value >= 100
      ? Math.round(value).toLocaleString('en-US')
      : value.toFixed(1)
    : '–';

/** Microseconds of numpy's whole step for a case, from its throughput row (T = 25 tokens per stream). */
function numpyStep(rows, { hidden, batch }) {
  const peer =
    batch === 1
      ? find(rows, `numpy batched H=${hidden}`)
      : find(rows, `numpy minibatch H=${hidden} B=${batch}`);
  return peer ? (25 * batch * 1e6) / peer.charsPerSecond : undefined;
}

/**
 * Where a step's time goes, ours beside numpy's, each part timed alone at the step's shapes; then what the
 * targets of batch 1 ask of a step against what the contractions alone take (the ceiling).
 */
function renderPhases(results) {
  const cases = (results.details?.phases ?? []).filter((c) => !c.ours.failed && !c.numpy.failed);
  if (cases.length === 0) return [];
  const name = (c) => `H=${c.hidden} B=${c.batch}${c.precision === 'float32' ? ' float32' : ''}`;
  const parts = Object.keys(cases[0].ours.partsMicroseconds);
  const lines = [
    '',
    `Where a step's time goes, in µs per step: each part timed alone at the step's shapes (\`bench/measure-phases.mjs\`, \`bench/numpy_phases.py\`; the per-step products ×25), ours beside numpy's (its BLAS for the products).`,
    '',
    `| part of a step | ${cases.map((c) => `${name(c)}: ours | numpy`).join(' | ')} |`,
    `|---|${cases.map(() => '---:|---:').join('|')}|`,
  ];
  for (const part of parts) {
    lines.push(
      `| ${part} | ${cases.map((c) => `${micro(c.ours.partsMicroseconds[part])} | ${micro(c.numpy.partsMicroseconds[part])}`).join(' | ')} |`,
    );
  }
  lines.push(
    `| **the six contractions** | ${cases.map((c) => `${micro(c.ours.contractionMicroseconds)} | ${micro(c.numpy.contractionMicroseconds)}`).join(' | ')} |`,
    `| **whole step** (numpy: from its throughput above) | ${cases
      .map(
        (c) =>
          `${micro(c.ours.stepMicroseconds)} | ${c.precision === 'float32' ? '–' : micro(numpyStep(results.rows, c))}`,
      )
      .join(' | ')} |`,
    '',
  );
  for (const [hidden, minimum] of [
    [100, 2],
    [256, 1.5],
  ]) {
    const c = cases.find((x) => x.hidden === hidden && x.batch === 1 && x.precision === 'float64');
    const step = c && numpyStep(results.rows, c);
    if (!c || step === undefined) continue;
    const gflops = (c.ours.flopsPerStep / c.ours.contractionMicroseconds / 1e3).toFixed(1);
    lines.push(
      `- H=${hidden}, B=1: numpy's step takes ${micro(step)} µs, so ${minimum}× asks for a step of ${micro(step / minimum)} µs; ` +
        `our six contractions alone take ${micro(c.ours.contractionMicroseconds)} µs (${gflops} GFLOP/s), numpy's BLAS ${micro(c.numpy.contractionMicroseconds)} µs, ` +
        `and our whole step ${micro(c.ours.stepMicroseconds)} µs.`,
    );
  }
  return lines;
}
