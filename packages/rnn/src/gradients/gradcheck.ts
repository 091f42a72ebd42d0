// gradcheck(): both forms of (13), (21), (24) against central finite differences on a small random problem.

import { RnnError } from '../errors.js';
import { initParams } from '../model/params.js';
import { Random } from '../random.js';
import { gradients } from './gradients.js';
import { maxRelativeError, numericalGradients } from './numerical.js';

/**
 * One line of a {@link GradcheckReport}: how far one form of one equation is from finite differences.
 *
 * @example
 * ```ts
 * const row: GradcheckRow = { parameter: 'W', equation: '21', method: 'bptt', maxRelativeError: 2e-10 };
 * ```
 */
export interface GradcheckRow {
  readonly parameter: 'U' | 'W' | 'V';
  readonly equation: '24' | '21' | '13';
  readonly method: 'literal' | 'bptt';
  /** max over the parameter's entries of |analytic − numerical| / max(|analytic|, |numerical|, floor) */
  readonly maxRelativeError: number;
}

/**
 * The result of {@link gradcheck}: one row per parameter and method, the worst error, and a verdict.
 *
 * @example
 * ```ts
 * const report: GradcheckReport = gradcheck();
 * report.passed; // true
 * ```
 */
export interface GradcheckReport {
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly length: number;
  readonly seed: number;
  readonly rows: readonly GradcheckRow[];
  /** the largest error of all rows */
  readonly maxRelativeError: number;
  /** the error below which a row counts as correct: {@link GRADCHECK_TOLERANCE} */
  readonly tolerance: number;
  readonly passed: boolean;
  /** a small table, one row per parameter and method, and the verdict */
  toString(): string;
}

/**
 * Floor of the relative error: entries below it (zero up to rounding) are compared absolutely, because the
 * central differences themselves carry an absolute error of about 1e-10 (see {@link numericalGradients}).
 */
export const GRADCHECK_FLOOR = 1e-6;

/**
 * A correct gradient is within 1e-10 absolute of the central differences, so at most 1e-10 / 1e-6 = 1e-4
 * relative (at the floor) and far less for entries well above it; a wrong equation is off by O(1).
 */
export const GRADCHECK_TOLERANCE = 1e-4;

const PARAMETERS = [
  { parameter: 'U', equation: '24', key: 'dU' },
  { parameter: 'W', equation: '21', key: 'dW' },
  { parameter: 'V', equation: '13', key: 'dV' },
] as const;

/**
 * Checks the literal and the BPTT gradients of (24), (21), (13) against central finite differences of the loss
 * on a random problem: parameters from {@link initParams} with `seed`, inputs and targets drawn uniformly from
 * the vocabulary by {@link Random} with the same seed. Defaults: vocabulary 5, hidden 4, length 6, seed 0.
 *
 * @example
 * ```ts
 * console.log(gradcheck({ hiddenSize: 3 }).toString());
 * // gradcheck: vocabulary 5, hidden 3, length 6, seed 0 (central differences, h = 1e-5)
 * // parameter  equation  method   max relative error
 * // U          (24)      literal  5.84e-10
 * // U          (24)      bptt     5.84e-10
 * // W          (21)      literal  9.37e-9
 * // W          (21)      bptt     9.37e-9
 * // V          (13)      literal  7.01e-8
 * // V          (13)      bptt     7.01e-8
 * // worst 7.01e-8 ≤ tolerance 1e-4: passed
 * ```
 */
export function gradcheck(
  options: { vocabSize?: number; hiddenSize?: number; length?: number; seed?: number } = {},
): GradcheckReport {
  const { vocabSize = 5, hiddenSize = 4, length = 6, seed = 0 } = options;
  if (!(Number.isSafeInteger(length) && length >= 1)) {
    throw new RnnError('bad-argument', `gradcheck: length must be a positive integer, got ${String(length)}`);
  }
  const params = initParams({ vocabSize, hiddenSize, seed });
  const random = new Random(seed);
  const xs = Array.from({ length }, () => random.integer(vocabSize));
  const ys = Array.from({ length }, () => random.integer(vocabSize));
  const numerical = numericalGradients(params, xs, ys);
  const analytic = {
    literal: gradients(params, xs, ys, { method: 'literal' }),
    bptt: gradients(params, xs, ys, { method: 'bptt' }),
  };
  const rows: GradcheckRow[] = [];
  for (const { parameter, equation, key } of PARAMETERS) {
    for (const method of ['literal', 'bptt'] as const) {
      const error = maxRelativeError(
        analytic[method][key].toFlat(),
        numerical[key].toFlat(),
        GRADCHECK_FLOOR,
      );
      rows.push({ parameter, equation, method, maxRelativeError: error });
    }
  }
  const worst = rows.reduce((max, row) => Math.max(max, row.maxRelativeError), 0); // NaN propagates
  const passed = worst <= GRADCHECK_TOLERANCE;
  const report = {
    vocabSize,
    hiddenSize,
    length,
    seed,
    rows,
    maxRelativeError: worst,
    tolerance: GRADCHECK_TOLERANCE,
    passed,
  };
  return {
    ...report,
    toString: () => formatReport(report),
  };
}

function formatReport(report: Omit<GradcheckReport, 'toString'>): string {
  const lines = [
    `gradcheck: vocabulary ${report.vocabSize}, hidden ${report.hiddenSize}, length ${report.length}, ` +
      `seed ${report.seed} (central differences, h = 1e-5)`,
    'parameter  equation  method   max relative error',
    ...report.rows.map(
      (row) =>
        `${row.parameter.padEnd(11)}${`(${row.equation})`.padEnd(10)}${row.method.padEnd(9)}` +
        row.maxRelativeError.toExponential(2),
    ),
    `worst ${report.maxRelativeError.toExponential(2)} ${report.passed ? '≤' : '>'} tolerance ` +
      `${report.tolerance.toExponential(0)}: ${report.passed ? 'passed' : 'FAILED'}`,
  ];
  return lines.join('\n');
}
