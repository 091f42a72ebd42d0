// Build-time tables and charts of the benchmark figures the packages commit in bench/results.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineLoader } from 'vitepress';
import { REPO_ROOT } from '../lib/repo.js';
import { barsSvg } from '../lib/svg.js';

/** One benchmark file, as a table and a chart. */
export interface BenchmarkTable {
  readonly path: string;
  readonly machine: string;
  readonly threads: string;
  readonly date: string;
  readonly notes: readonly string[];
  readonly columns: readonly string[];
  /** Columns shown as code (einsum subscripts), so that '->' is not drawn as an arrow by the font. */
  readonly codeColumns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly chart: { readonly svg: string; readonly column: string };
}

/** Both packages' benchmarks. */
export interface BenchmarksData {
  readonly einsum: BenchmarkTable;
  readonly rnn: BenchmarkTable;
}

declare const data: BenchmarksData;

export { data };

const FILES = {
  einsum: 'packages/einsum/bench/results.json',
  rnn: 'packages/rnn/bench/results.json',
} as const;

/** Columns worth a chart, best first: throughput, then ratios, then times. */
const CHART_PREFERENCE = [/gflop/i, /per.?second|\/s\b/i, /speedup|ratio/i, /median|time|µs|us\b|ms\b/i];

/** A cell or note as text: numbers to three significant digits, null as a dash, objects as "key: value" lists. */
function asText(value: unknown): string {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : Number(value.toPrecision(3)).toString();
  }
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(asText).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => `${key}: ${asText(inner)}`)
    .join(', ');
}

/** Top-level fields that are not notes: the contract's four and the bench's own raw details. */
const NOT_NOTES = new Set(['rows', 'machine', 'threads', 'date', 'details']);

function table(path: string): BenchmarkTable {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Cannot read the benchmark figures ${path}: ${(error as Error).message}`);
  }
  const rows = parsed.rows;
  if (!Array.isArray(rows) || rows.length === 0) throw new Error(`${path} has no "rows".`);
  for (const field of ['machine', 'threads', 'date']) {
    if (parsed[field] === undefined) {
      throw new Error(`${path} has no "${field}" (see CONTRACTS: machine, threads, date, rows).`);
    }
  }
  const records = rows as Record<string, unknown>[];
  const columns = [...new Set(records.flatMap((row) => Object.keys(row)))];
  const label = columns.find((c) => records.every((row) => typeof row[c] === 'string'));
  const numeric = columns.filter(
    (c) =>
      records.some((row) => typeof row[c] === 'number') &&
      records.every((row) => typeof row[c] === 'number' || row[c] === null || row[c] === undefined),
  );
  const column =
    CHART_PREFERENCE.map((pattern) => numeric.find((c) => pattern.test(c))).find((c) => c !== undefined) ??
    numeric[0];
  if (!column) throw new Error(`${path}: no numeric column to chart.`);
  const bars = records.flatMap((row, i) =>
    typeof row[column] === 'number'
      ? [{ label: label ? String(row[label]) : `row ${i + 1}`, value: row[column] as number }]
      : [],
  );
  const notes = Object.entries(parsed)
    .filter(([key]) => !NOT_NOTES.has(key))
    .flatMap(([key, value]) =>
      Array.isArray(value)
        ? value.map((v) => (typeof v === 'string' ? v : `${key}: ${asText(v)}`))
        : [`${key}: ${asText(value)}`],
    );
  return {
    path,
    machine: asText(parsed.machine),
    threads: asText(parsed.threads),
    date: asText(parsed.date),
    notes,
    columns,
    codeColumns: columns.filter((c) => /subscripts/i.test(c)),
    rows: records.map((row) => columns.map((c) => asText(row[c]))),
    chart: { svg: barsSvg(`${path}: ${column}`, column, bars), column },
  };
}

export default defineLoader({
  watch: Object.values(FILES).map((file) => join(REPO_ROOT, file)),
  load(): BenchmarksData {
    return { einsum: table(FILES.einsum), rnn: table(FILES.rnn) };
  },
});
