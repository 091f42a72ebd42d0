// Writes the generated parts of the READMEs from committed files: the screen capture (screen.txt) into the root
// README and apps/tui/README.md, and the gradient-flow cost (bench/gradient-flow.json) into apps/tui/README.md.
// With --check it changes nothing and exits 1, naming the file, when one is out of date (a test runs it so).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { replaceSection } from '../../../scripts/generated-sections.mjs';

const here = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const check = process.argv.includes('--check');

const screen = readFileSync(here('screen.txt'), 'utf8').trimEnd();
// The panel alone: from its title line to the line that gives the reach.
const flowLines = readFileSync(here('screen-flow.txt'), 'utf8').split('\n');
const panel = flowLines.slice(
  flowLines.findIndex((line) => line.startsWith(' gradient flow ')),
  flowLines.findIndex((line) => line.startsWith(' reach ')) + 1,
);
const flow = JSON.parse(readFileSync(here('bench/gradient-flow.json'), 'utf8'));
/** A Markdown table with its columns padded to equal widths (as the formatter leaves it). */
function table(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => [...row[i]].length)));
  const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
const flowTable = [
  table(
    ['case', 'measurements', 'each (median)', 'share of the run'],
    flow.rows.map((row) => [
      row.name,
      `${row.measurements} in ${row.elapsedSeconds} s`,
      `${row.medianMs} ms`,
      `${row.sharePercent}%`,
    ]),
  ),
  '',
  `Measured by \`bench/gradient-flow.mjs\` on ${flow.machine}, Node ${flow.node} (${flow.date.slice(0, 10)}).`,
].join('\n');

const sections = {
  '../../README.md': { screen: `\`\`\`text\n${screen}\n\`\`\`` },
  'README.md': {
    screen: `\`\`\`text\n${screen}\n\`\`\``,
    'screen-flow': `\`\`\`text\n${panel.join('\n')}\n\`\`\``,
    'gradient-flow-cost': flowTable,
  },
};
let stale = false;
for (const [file, parts] of Object.entries(sections)) {
  const before = readFileSync(here(file), 'utf8');
  const after = Object.entries(parts).reduce(
    (text, [name, content]) => replaceSection(text, name, content, file),
    before,
  );
  if (after === before) continue;
  if (check) {
    console.error(
      `${fileURLToPath(new URL(`../${file}`, import.meta.url))} is stale: run node apps/tui/scripts/readme.mjs`,
    );
    stale = true;
  } else writeFileSync(here(file), after);
}
process.exit(stale ? 1 : 0);
