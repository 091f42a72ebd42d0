// Parsing of flag values (integers, numbers, choices) with range checks and one-line errors.
import { UsageError } from './usage-error.js';

/**
 * An integer flag in [min, max], or `fallback` when absent.
 * @example integerFlag('--hidden', '64', 1, 4096, 100) // 64
 */
export function integerFlag(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  fallback: number,
): number;
export function integerFlag(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  fallback?: number,
): number | undefined;
export function integerFlag(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  fallback?: number,
): number | undefined {
  if (raw === undefined) return fallback;
  const value = /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/**
 * A finite number flag with min < value ≤ max (an open lower bound), or `fallback` when absent.
 * @example numberFlag('--lr', '0.1', 0, Number.MAX_VALUE) // 0.1
 */
export function numberFlag(
  name: string,
  raw: string | undefined,
  exclusiveMin: number,
  max: number,
  fallback?: number,
): number | undefined {
  if (raw === undefined) return fallback;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || value <= exclusiveMin || value > max) {
    const bound = max === Number.MAX_VALUE ? 'finite' : `at most ${max}`;
    throw new UsageError(`${name} must be a number above ${exclusiveMin} and ${bound}, got "${raw}"`);
  }
  return value;
}

/**
 * One of a fixed set of words, or undefined when absent.
 * @example choiceFlag('--level', 'word', ['char', 'word'] as const) // 'word'
 */
export function choiceFlag<T extends string>(
  name: string,
  raw: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new UsageError(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/**
 * A share in [0, 1) (0 allowed, 1 not), or undefined when absent.
 * @example fractionFlag('--val-fraction', '0.1') // 0.1
 */
export function fractionFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!(value >= 0 && value < 1)) {
    throw new UsageError(`${name} must be a number from 0 up to, not including, 1, got "${raw}"`);
  }
  return value;
}
