// The bench's verdicts on the targets, and the Markdown tables of bench/RESULTS.md and the README.

const find = (rows, label) => rows.find((row) => row.label === label && !row.failed);

/** One verdict per target of the issue: the measured figure, whether it is met, and by how much. */
export function checkTargets(rows) {
  const targets = [];
  const ratio = (name, numerator, denominator, minimum, unit = '×') => {
    if (!numerator || !denominator) {
      targets.push({ target: name, measured: 'not measured', met: false });
      return;
    }
    const value = numerator.charsPerSecond / denominator.charsPerSecond;
    targets.push({ target: name, measured: `${value.toFixed(2)}${unit}`, value, met: value >= minimum });
  };
  for (const hidden of [100, 256]) {
    const core = find(rows, `@rnn/core H=${hidden} B=1`);
    ratio(
      `faster than numpy per-step, H=${hidden}, B=1 (≥ 1×)`,
      core,
      find(rows, `numpy per-step H=${hidden}`),
      1,
    );
    ratio(
      `faster than numpy batched output, H=${hidden}, B=1 (≥ 1×)`,
      core,
      find(rows, `numpy batched H=${hidden}`),
      1,
    );
  }
  const core100 = find(rows, '@rnn/core H=100 B=1');
  for (const peer of [
    'tfjs-layers SimpleRNN cpu H=100',
    'tfjs-layers SimpleRNN wasm H=100',
    'brain.js recurrent.RNN H=100',
  ]) {
    ratio(`≥ 10× ${peer.replace(' H=100', '')}, H=100, B=1`, core100, find(rows, peer), 10);
  }
  for (const hidden of [100, 256]) {
    ratio(
      `batch 32 ≥ 5× batch 1 throughput, H=${hidden}`,
      find(rows, `@rnn/core H=${hidden} B=32`),
      find(rows, `@rnn/core H=${hidden} B=1`),
      5,
    );
  }
  const big = find(rows, '@rnn/core H=256 B=1');
  targets.push({
    target: 'peak RSS, 1 MB corpus, H=256 (< 300 MB)',
    measured: big ? `${big.peakRssMB.toFixed(0)} MB` : 'not measured',
    value: big?.peakRssMB,
    met: big !== undefined && big.peakRssMB < 300,
  });
  for (const hidden of [100, 256]) {
    const core = find(rows, `@rnn/core H=${hidden} B=1`);
    const numpy = find(rows, `numpy batched H=${hidden}`);
    const perStep = find(rows, `numpy per-step H=${hidden}`);
    const gap = core && numpy ? Math.abs(core.loss - numpy.loss) / numpy.loss : undefined;
    // The two numpy versions start from the same parameters and differ only in rounding: their gap shows how far
    // rounding alone, amplified by Adagrad's first steps, moves the loss after this many characters.
    const rounding =
      numpy && perStep
        ? ` (numpy per-step vs batched: ${((100 * Math.abs(perStep.loss - numpy.loss)) / numpy.loss).toFixed(1)}%)`
        : '';
    targets.push({
      target: `loss after the same characters within 5% of numpy's, H=${hidden}`,
      measured:
        gap === undefined
          ? 'not measured'
          : `${core.loss.toFixed(3)} vs ${numpy.loss.toFixed(3)}: ${(100 * gap).toFixed(1)}%${rounding}`,
      value: gap,
      met: gap !== undefined && gap <= 0.05,
    });
  }
  return targets;
}

const format = (value) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1));

/** The Markdown report: one row per measurement with its ratio to @rnn/core, then the targets. */
export function renderTable(results) {
  const { rows } = results;
  const lines = [
    `Machine: ${results.machine}; Node ${results.node}; numpy ${results.numpy} with OPENBLAS_NUM_THREADS=${results.openblasThreads}; one thread per measurement; ${results.date.slice(0, 10)}.`,
    `Metric: ${results.metric}.`,
    '',
    '| measurement | characters | chars / CPU s | @rnn/core (same H, B=1) ÷ this | loss (nats) |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    if (row.failed) {
      lines.push(`| ${row.label} | – | failed: ${row.failed.replaceAll('|', '/')} | – | – |`);
      continue;
    }
    const core = find(rows, `@rnn/core H=${row.hidden} B=1`);
    const versus = core ? `${(core.charsPerSecond / row.charsPerSecond).toFixed(2)}×` : '–';
    const loss =
      typeof row.loss === 'number'
        ? row.loss.toFixed(3)
        : `n/a (${row.implementation.split(' ')[0]} reports its own error)`;
    lines.push(
      `| ${row.label} | ${row.chars.toLocaleString('en-US')} | ${format(row.charsPerSecond)} | ${versus} | ${loss} |`,
    );
  }
  lines.push('', '| target | measured | met |', '|---|---|---|');
  for (const t of checkTargets(rows))
    lines.push(`| ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`);
  if (results.divergence?.length) {
    lines.push(
      '',
      '| runs from the same initial parameters, H | losses of step 1 | agree to 1e−12 up to step | first step 1% apart |',
      '|---|---|---|---|',
    );
    for (const d of results.divergence) {
      lines.push(
        `| ${d.pair}, ${d.hidden} | ${d.firstStepLosses.map((x) => x.toPrecision(17)).join(' vs ')} | ${d.agreeTo1e12UpToStep} | ${d.firstStepApartBy1Percent ?? 'never'} |`,
      );
    }
  }
  return lines.join('\n');
}
