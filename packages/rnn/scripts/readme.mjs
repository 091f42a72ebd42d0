// Regenerates the README's equation table (from EQUATIONS) and bench table (from bench/results.json).
//
// Usage: node scripts/readme.mjs          rewrite the marked sections of README.md
//        node scripts/readme.mjs --check  exit 1 if README.md is not what this script would write
// Needs the package built (it reads EQUATIONS from dist/), so the table cannot drift from the code.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatWithBiome, replaceSection } from '../../../scripts/generated-sections.mjs';
import { renderTable } from '../bench/report.mjs';
import { EQUATIONS } from '../dist/index.js';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const resultsPath = fileURLToPath(new URL('../bench/results.json', import.meta.url));

const cell = (text) => String(text).replaceAll('|', '\\|');

/** One row per contraction: equation, form, name, subscripts, operands → result, evaluation, meaning. */
function equationTable() {
  const lines = [
    '| eq. | form | name | einsum | operands → result | evaluated as | meaning |',
    '|---|---|---|---|---|---|---|',
  ];
  // Forward equations first, then the gradients, in the derivation's order (object keys would put 13 before 1a).
  const order = ['1a', '1b', '13', '14', '21', '24'];
  const keys = [
    ...order.filter((key) => key in EQUATIONS),
    ...Object.keys(EQUATIONS).filter((key) => !order.includes(key)),
  ];
  for (const equation of keys.map((key) => EQUATIONS[key])) {
    const forms = [
      ...(JSON.stringify(equation.literal) === JSON.stringify(equation.bptt)
        ? [['literal and bptt', equation.literal]]
        : [
            ['literal', equation.literal],
            ['bptt', equation.bptt],
          ]),
      ['batched (training step)', equation.batched],
    ];
    for (const [form, contractions] of forms) {
      for (const c of contractions) {
        lines.push(
          `| (${equation.number}) | ${form} | \`${c.name}\` | \`${cell(c.subscripts)}\` | ${cell(c.operands.join(', '))} → ${cell(c.result)} | ${c.oneHot ?? 'product'} | ${cell(c.meaning)} |`,
        );
      }
    }
  }
  return lines.join('\n');
}

const current = readFileSync(readmePath, 'utf8');
let next = replaceSection(current, 'equations', equationTable());
next = replaceSection(next, 'bench', renderTable(JSON.parse(readFileSync(resultsPath, 'utf8'))));
next = formatWithBiome(next, 'README.md');
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md is stale: run `node scripts/readme.mjs` in packages/rnn');
    process.exit(1);
  }
} else {
  writeFileSync(readmePath, next);
}
