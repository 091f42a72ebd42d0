// Formatting of the live screen's numbers: separators, units, durations, exponents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatInteger,
  formatLoss,
  formatPercent,
  formatRate,
  formatScalar,
} from '../src/ui/format.js';

describe('format', () => {
  it('formatInteger agrees with en-US toLocaleString (the oracle) on every safe integer', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => formatInteger(n) === n.toLocaleString('en-US')));
    expect(formatInteger(1234567.4)).toBe('1,234,567');
  });

  it('formats durations, rates, losses, scalars and percentages with their units', () => {
    expect(formatDuration(4.9)).toBe('4s');
    expect(formatDuration(187)).toBe('3m 07s');
    expect(formatDuration(7500)).toBe('2h 05m');
    expect(formatDuration(undefined)).toBe('–');
    expect(formatRate(950)).toBe('950');
    expect(formatRate(12345)).toBe('12.3k');
    expect(formatRate(2.5e6)).toBe('2.50M');
    expect(formatLoss(2.34567)).toBe('2.3457');
    expect(formatLoss(Number.NaN)).toBe('NaN');
    expect(formatLoss(Number.POSITIVE_INFINITY)).toBe('Inf');
    expect(formatScalar(0.1)).toBe('0.100');
    expect(formatScalar(0.0005)).toBe('5.00e-4');
    expect(formatScalar(1e308)).toBe('1.00e308');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(1.5)).toBe('100.0%');
  });
});
