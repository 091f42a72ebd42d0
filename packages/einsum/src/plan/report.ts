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
 * string, and the operands that remain after it, as an einsum string to the output).
 *
 * @example
 * ```ts
 * formatReport(facts).split('\n')[0]; // '  Complete contraction:  ij,jk,kl->il'
 * ```
 */
export function formatReport(facts: ReportFacts): string {
  const header = [
    ['Complete contraction', facts.subscripts],
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
      `${step.inputs.join(',')}->${step.result}`,
      `${remaining.join(',')}->${facts.output}`,
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
