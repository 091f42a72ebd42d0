// Number, duration and rate formatting for the live screen: fixed widths and units so columns do not jump.

/**
 * An integer with thousands separators.
 * @example formatInteger(1234567) // '1,234,567'
 */
export function formatInteger(n: number): string {
  // By hand rather than toLocaleString: its first call loads ICU data, tens of ms before the first frame.
  const digits = String(Math.abs(Math.round(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 && Math.round(n) !== 0 ? `-${grouped}` : grouped;
}

/**
 * A duration in seconds as `42s`, `3m 07s` or `2h 05m`; `–` when unknown.
 * @example formatDuration(187) // '3m 07s'
 */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
}

/**
 * A rate with a k/M suffix and three significant figures.
 * @example formatRate(12345) // '12.3k'
 */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '–';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toPrecision(3)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toPrecision(3)}k`;
  return perSecond.toFixed(0);
}

/**
 * A loss in nats with four decimals (`NaN` and `Inf` spelled out).
 * @example formatLoss(2.34567) // '2.3457'
 */
export function formatLoss(loss: number): string {
  if (Number.isNaN(loss)) return 'NaN';
  if (!Number.isFinite(loss)) return loss > 0 ? 'Inf' : '-Inf';
  return loss.toFixed(4);
}

/**
 * A small positive quantity (learning rate, gradient norm): fixed below 1000 and above 0.01, else exponent.
 * @example formatScalar(0.1) // '0.100'
 * @example formatScalar(0.0005) // '5.00e-4'
 */
export function formatScalar(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 0.01 || Math.abs(x) >= 1000)) return x.toExponential(2).replace('e+', 'e');
  return x.toPrecision(3);
}

/**
 * A percentage with one decimal.
 * @example formatPercent(0.1234) // '12.3%'
 */
export function formatPercent(fraction: number): string {
  return `${(100 * Math.min(1, Math.max(0, fraction))).toFixed(1)}%`;
}

/**
 * A loss with its second measure: bits per character at char level, perplexity (e^loss) at word level.
 * @example formatMeasures(1.7736, 'char') // '1.7736 · 2.559 bpc'
 * @example formatMeasures(4.5, 'word') // '4.5000 · ppl 90.0'
 */
export function formatMeasures(loss: number, level: 'char' | 'word'): string {
  if (!Number.isFinite(loss)) return formatLoss(loss);
  if (level === 'char') return `${formatLoss(loss)} · ${(loss / Math.LN2).toFixed(3)} bpc`;
  const perplexity = Math.exp(loss);
  return `${formatLoss(loss)} · ppl ${perplexity < 1e5 ? perplexity.toFixed(1) : perplexity.toExponential(2)}`;
}
