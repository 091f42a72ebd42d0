// Regenerates the playground figures in README.md (bundle sizes and frame intervals) from bench/results.json.
//
// Usage: node scripts/readme.mjs          rewrite the section between <!-- playground:start --> and :end
//        node scripts/readme.mjs --check  exit 1 if README.md is not what this script would write
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { replaceSection } from '../../scripts/generated-sections.mjs';
import { bundleRows, frameSummary, readResults } from '../bench/figures.mjs';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));

/**
 * The Markdown of the figures: one table of what each page loads, one of the frame intervals while training.
 * @example renderFigures(readResults()) // 'Measured by `npx pnpm@12.4.2 --filter @rnn/docs bench` …'
 * @param {import('../bench/figures.mjs').Results} results
 */
export function renderFigures(results) {
  const { machine, training } = results;
  const frames = frameSummary(results);
  return [
    'Measured by `npx pnpm@12.4.2 --filter @rnn/docs bench` on the built site,',
    `in headless Chromium ${machine.chromium} (${machine.chromiumBuild}) on ${machine.cpu} (${machine.cores} cores,`,
    `load average ${machine.loadAverage.join(' ')}, nice ${machine.nice}).`,
    '',
    "What each page loads to run: every script it fetches, the trainer's worker included (it loads when a run starts),",
    'not the pages VitePress prefetches for the links in view; gzip at level 9. `@rnn/einsum` carries its WebAssembly',
    'kernels inside its JavaScript as base64, counted again in the last column.',
    '',
    '| page | scripts | JavaScript | gzipped | WebAssembly inside it |',
    '| --- | ---: | ---: | ---: | --- |',
    ...bundleRows(results).map(
      (r) => `| \`${r.path}\` (${r.label}) | ${r.files} | ${r.js} | ${r.gzip} | ${r.wasm} |`,
    ),
    '',
    `Frame intervals of \`/playground/train\` while it trains (H = ${training.hiddenSize}, T = ${training.seqLength},`,
    `${training.steps} steps on the shipped corpus), then of the same page idle for as long, from requestAnimationFrame`,
    'timestamps, in milliseconds (a 60 Hz display draws every 16.7 ms); the idle rows show what the machine alone does:',
    '',
    '| run | page | seconds | tokens/s | frames | median | 95th percentile | 99th percentile | longest |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...frames.runs.flatMap((r, i) => {
      const idle = frames.idle[i];
      return [
        `| ${i + 1} | training | ${r.seconds} | ${r.tokensPerSecond.toLocaleString('en-US')} | ${r.frames} | ${r.median} | ${r.p95} | ${r.p99} | ${r.max} |`,
        idle
          ? `| ${i + 1} | idle | ${idle.seconds} | – | ${idle.frames} | ${idle.median} | ${idle.p95} | ${idle.p99} | ${idle.max} |`
          : `| ${i + 1} | idle | – | – | – | – | – | – | – |`,
      ];
    }),
    '',
    `Target (${frames.verdict}).`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const current = readFileSync(readmePath, 'utf8');
  const next = replaceSection(current, 'playground', renderFigures(readResults()));
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('docs/README.md is stale: run `node scripts/readme.mjs` in docs/');
      process.exit(1);
    }
  } else {
    writeFileSync(readmePath, next);
  }
}
