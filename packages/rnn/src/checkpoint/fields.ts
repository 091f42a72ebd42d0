// Typed readers for untrusted JSON: each checks one field and names its path in the error it throws.
import { RnnError } from '../errors.js';

/** A JSON object, checked. */
export type JsonRecord = Readonly<Record<string, unknown>>;

const describe = (value: unknown): string =>
  value === undefined
    ? 'missing'
    : Array.isArray(value)
      ? 'an array'
      : `${JSON.stringify(value)?.slice(0, 40)}`;

/** Reads field `key` of `record` as an object. */
export function readRecord(record: JsonRecord, key: string, path: string): JsonRecord {
  const value = record[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RnnError('bad-field', `${path}.${key} must be an object, but it is ${describe(value)}`);
  }
  return value as JsonRecord;
}

/** Reads field `key` as a string. */
export function readString(record: JsonRecord, key: string, path: string): string {
  const value = record[key];
  if (typeof value !== 'string')
    throw new RnnError('bad-field', `${path}.${key} must be a string, but it is ${describe(value)}`);
  return value;
}

/** Reads field `key` as a boolean. */
export function readBoolean(record: JsonRecord, key: string, path: string): boolean {
  const value = record[key];
  if (typeof value !== 'boolean') {
    throw new RnnError('bad-field', `${path}.${key} must be true or false, but it is ${describe(value)}`);
  }
  return value;
}

/** Reads field `key` as one of `choices`. */
export function readChoice<T extends string>(
  record: JsonRecord,
  key: string,
  path: string,
  choices: readonly T[],
): T {
  const value = record[key];
  if (!choices.includes(value as T)) {
    throw new RnnError(
      'bad-field',
      `${path}.${key} must be one of ${choices.join(', ')}, but it is ${describe(value)}`,
    );
  }
  return value as T;
}

/** Reads field `key` as a finite number (null is accepted and read as NaN when `nullable`). */
export function readNumber(record: JsonRecord, key: string, path: string, nullable = false): number {
  const value = record[key];
  if (nullable && value === null) return Number.NaN;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const code = value === null || typeof value === 'number' ? 'not-finite' : 'bad-field';
    throw new RnnError(code, `${path}.${key} must be a finite number, but it is ${describe(value)}`);
  }
  return value;
}

/** Reads field `key` as an integer ≥ `min` (null accepted as null when `nullable`). */
export function readInteger(record: JsonRecord, key: string, path: string, min: number): number {
  const value = readNumber(record, key, path);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RnnError('bad-field', `${path}.${key} must be an integer ≥ ${min}, but it is ${value}`);
  }
  return value;
}

/** Reads field `key` as an array of exactly `length` finite numbers; `shape` describes the expected layout. */
export function readNumbers(
  record: JsonRecord,
  key: string,
  path: string,
  length: number,
  shape: string,
): Float64Array {
  const value = record[key];
  if (!Array.isArray(value))
    throw new RnnError('bad-field', `${path}.${key} must be an array, but it is ${describe(value)}`);
  if (value.length !== length) {
    throw new RnnError(
      'bad-shape',
      `${path}.${key} has ${value.length} numbers, but ${shape} needs ${length}`,
    );
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const entry: unknown = value[i];
    if (typeof entry !== 'number' || !Number.isFinite(entry)) {
      throw new RnnError(
        'not-finite',
        `${path}.${key}[${i}] must be a finite number, but it is ${describe(entry)}`,
      );
    }
    out[i] = entry;
  }
  return out;
}

/** Reads field `key` as an array of integers, each in [0, 2^32) (a Random state). */
export function readWords(record: JsonRecord, key: string, path: string): number[] {
  const value = record[key];
  if (!Array.isArray(value) || !value.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32)) {
    throw new RnnError(
      'bad-field',
      `${path}.${key} must be an array of integers in [0, 2^32), but it is ${describe(value)}`,
    );
  }
  return value as number[];
}
