// The printed report of a plan, a table modelled on numpy.einsum_path's.

import type { ContractionStep } from './types.js';

/**
 * Everything the report shows.
 *
 * @example
 * ```ts
 * const facts: ReportFacts = { subscripts: 'i->', output: '', naiveScaling: 1, optimizedScaling: 1,
 *   naiveFlops: 6, optimizedFlops: 6, speedup: 1, largestIntermediate: 1, rows: [] };
 * ```
 */
export interface ReportFacts {
  readonly subscripts: string;
  readonly output: string;
  readonly naiveScaling: number;
  readonly optimizedScaling: number;
  readonly naiveFlops: number;
  readonly optimizedFlops: number;
  readonly speedup: number;
  readonly largestIntermediate: number;
  /** Each step with the operand list left after it. */
  readonly rows: readonly { readonly step: ContractionStep; readonly remaining: readonly string[] }[];
}

/**
 * Formats counts the way a reader scans them: exact below 100 000, three significant decimals beyond.
 *
 * @example
 * ```ts
 * formatCount(4096); // '4096'
 * formatCount(3221225472); // '3.221e+9'
 * ```
 */
export function formatCount(count: number): string {
  return count < 1e5 ? String(count) : count.toExponential(3);
}

/**
 * The report: the subscripts, naive and optimised scaling and FLOP counts, the theoretical speedup, the largest
 * intermediate, then one row per step (scaling = labels the step loops over, its flops, the step as an einsum
 * string, and the operands that remain after it, as an einsum string to the output). Labels of '...'
 * dimensions are shown as unused letters, with a legend line.
 *
 * @example
 * ```ts
 * formatReport(facts).split('\n')[0]; // '  Complete contraction:  ij,jk,kl->il'
 * ```
 */
export function formatReport(facts: ReportFacts): string {
  const hidden = ellipsisLabels(facts);
  const show = readableLabels(facts, hidden);
  const header = [
    ['Complete contraction', facts.subscripts],
    ...(hidden.length === 0 ? [] : [['Ellipsis labels', ellipsisLegend(hidden, show)]]),
    ['Naive scaling', String(facts.naiveScaling)],
    ['Optimized scaling', String(facts.optimizedScaling)],
    ['Naive FLOP count', formatCount(facts.naiveFlops)],
    ['Optimized FLOP count', formatCount(facts.optimizedFlops)],
    ['Theoretical speedup', facts.speedup.toFixed(1)],
    ['Largest intermediate', `${formatCount(facts.largestIntermediate)} elements`],
  ].map(([name, value]) => `${(name ?? '').padStart(22)}:  ${value}`);

  const table = [
    ['scaling', 'flops', 'current', 'remaining'],
    ...facts.rows.map(({ step, remaining }) => [
      String(new Set(step.inputs.join('')).size),
      formatCount(step.flops),
      show(`${step.inputs.join(',')}->${step.result}`),
      show(`${remaining.join(',')}->${facts.output}`),
    ]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  const lines = table.map((row) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return column < 2 ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('   ')
      .trimEnd(),
  );
  const rule = '-'.repeat(
    Math.max(...lines.map((line) => line.length), ...header.map((line) => line.length)),
  );
  const [titles = '', ...rows] = lines;
  return [...header, rule, titles, rule, ...rows].join('\n');
}

/** Every label the report shows, in order of first appearance. */
function labelsIn(facts: ReportFacts): string[] {
  const terms = facts.rows.flatMap(({ step }) => [...step.inputs, step.result]);
  return [...new Set([...terms, facts.output].join(''))];
}

/** Labels the binder made for '...' dimensions (U+0100 and up), in code point order: the binder's own. */
function ellipsisLabels(facts: ReportFacts): string[] {
  return labelsIn(facts)
    .filter((label) => label.charCodeAt(0) >= 0x100)
    .sort((a, b) => a.charCodeAt(0) - b.charCodeAt(0));
}

/**
 * Shows each ellipsis label as a letter no step uses (capitals first), as numpy does, so rows stay readable;
 * labels are left as they are if the letters run out.
 */
function readableLabels(facts: ReportFacts, hidden: readonly string[]): (text: string) => string {
  const used = new Set(labelsIn(facts));
  const free = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'].filter(
    (letter) => !used.has(letter),
  );
  if (hidden.length === 0 || free.length < hidden.length) return (text) => text;
  const letters = new Map(hidden.map((label, k) => [label, free[k] ?? label]));
  return (text) => [...text].map((label) => letters.get(label) ?? label).join('');
}

/** The legend line for the ellipsis labels, e.g. "AB stand for '...'". */
function ellipsisLegend(hidden: readonly string[], show: (text: string) => string): string {
  return `${hidden.map(show).join('')} stand${hidden.length === 1 ? 's' : ''} for '...'`;
}
