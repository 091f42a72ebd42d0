// Regenerates the README's Performance section from bench/results.json (the bench calls it after each run).
//
// Usage: node scripts/readme.mjs          rewrite the section between <!-- bench:start --> and <!-- bench:end -->
//        node scripts/readme.mjs --check  exit 1 when README.md is not what this script would write
// Every figure in the section comes from the results file, so that the prose cannot drift from the bench.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatWithBiome, replaceSection } from '../../../scripts/generated-sections.mjs';
import {
  describeTarget,
  formatSeconds,
  markdownTable,
  profileLines,
  README_COLUMNS,
} from '../bench/report.mjs';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
/** Where the bench files are read on a registry page (the package ships without bench/). */
const BENCH = 'https://github.com/rnn-from-einsum/rnn-from-einsum/blob/main/packages/einsum/bench';
const resultsPath = fileURLToPath(new URL('../bench/results.json', import.meta.url));

/**
 * For each case that missed a target, where its time goes, from the columns of the same run: the fresh-array
 * floor, the per-call work of a one-shot call (einsum − compiled), the copies in and out of kernel memory
 * (compiled − resident), and the kernel's share of the SIMD peak.
 * @example breakdownLines(cases)[0] // → '- **outer 1000**: one-shot 2.10 ms, of which a fresh …'
 */
export function breakdownLines(cases) {
  return cases
    .filter((row) => row.targets.some((t) => !t.met))
    .map((row) => {
      const { einsum, compiled, resident, floor } = row.ours;
      const parts = [`one-shot ${formatSeconds(einsum)}`];
      if (floor !== undefined) {
        // its median moves with the garbage collector's timing; the best sample shows the floor itself
        parts.push(
          `a fresh array of the result's size, written once by a bulk copy, ${formatSeconds(floor)} (best sample ${formatSeconds(row.best?.['ours.floor'])}; one-shot best ${formatSeconds(row.best?.['ours.einsum'])})`,
        );
      }
      if (compiled !== undefined) parts.push(`compiled into a reused array ${formatSeconds(compiled)}`);
      if (resident !== undefined) parts.push(`over resident operands and output ${formatSeconds(resident)}`);
      if (row.residentGflops !== undefined && row.peakGflops !== undefined) {
        parts.push(
          `${row.residentGflops.toFixed(1)} GFLOP/s resident against a SIMD peak of ${row.peakGflops.toFixed(1)} (${((100 * row.residentGflops) / row.peakGflops).toFixed(0)}%)`,
        );
      }
      if (row.numpy) {
        parts.push(
          `numpy ${formatSeconds(row.numpy.noOptimize)} (optimize=False), ${formatSeconds(row.numpy.optimize)} (optimize=True)`,
        );
      }
      return `- **${row.name}**: ${parts.join('; ')}.`;
    });
}

/**
 * The Performance section's body: the run, the table, each target and its verdict, and for the misses the
 * breakdown and the profile.
 * @example renderPerformance(JSON.parse(readFileSync('bench/results.json', 'utf8'))).startsWith('One run')
 */
export function renderPerformance(results) {
  const { machine, numpy, cases, profiles } = results.details;
  const lines = [
    `One run of \`pnpm bench\` (${results.date.slice(0, 10)}, source ${machine.source}): ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadAverage.join(', ')} at the start, Node ${machine.node}, backend ${machine.backend}; numpy ${numpy?.numpy ?? '–'} with ${numpy?.blas ?? '–'} on ${numpy?.blasThreads ?? '?'} thread. Medians per call; ratios are numpy's time / this package's (above 1: faster). \`compiled\` is \`expr.into(out, …typed arrays)\`, \`resident\` the same over an arena's tensors (no copies), \`% of peak\` the resident GFLOP/s over the SIMD peak measured in the same run. Every column: [bench/RESULTS.md](${BENCH}/RESULTS.md); how it measures: [bench/README.md](${BENCH}/README.md).`,
    '',
    markdownTable(cases, README_COLUMNS),
    '',
  ];
  const targets = cases.flatMap((row) => row.targets.map((target) => ({ row, target })));
  const missed = targets.filter(({ target }) => !target.met);
  lines.push(
    `Targets (issue 3's first suite and issue 10's): ${targets.length - missed.length} of ${targets.length} met; each with its figures in [bench/RESULTS.md](${BENCH}/RESULTS.md).${missed.length > 0 ? ' Missed:' : ''}`,
  );
  if (missed.length > 0) lines.push('');
  for (const { row, target } of missed) {
    lines.push(`- (issue ${target.issue}) ${row.name}, ${target.target}: ${describeTarget(target)}`);
  }
  const breakdown = breakdownLines(cases);
  if (breakdown.length > 0) {
    lines.push(
      '',
      'Where the time goes in the cases that missed a target (columns of the same run):',
      '',
      ...breakdown,
    );
  }
  const sampled = profileLines(profiles);
  if (sampled.length > 0) {
    lines.push('', 'Profiles of the calls that missed (V8 sampling profiler, self time):', '', ...sampled);
  }
  return lines.join('\n');
}

/** The README as this script would write it from the current results file. */
function generated() {
  const current = readFileSync(readmePath, 'utf8');
  const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
  return {
    current,
    next: formatWithBiome(replaceSection(current, 'bench', renderPerformance(results)), 'README.md'),
  };
}

/**
 * Rewrites the README's Performance section from bench/results.json.
 * @example writeReadme() // README.md now shows the last run
 */
export function writeReadme() {
  const { current, next } = generated();
  if (next !== current) writeFileSync(readmePath, next);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--check')) {
    if (generated().next !== readFileSync(readmePath, 'utf8')) {
      console.error('README.md is stale: run `node scripts/readme.mjs` in packages/einsum (or `pnpm bench`)');
      process.exit(1);
    }
  } else writeReadme();
}
