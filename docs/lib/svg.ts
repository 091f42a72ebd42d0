// Small SVG charts written at build time: an x–y plot (lines or markers, linear or log y) and horizontal bars.

/** One series of an x–y plot. */
export interface Series {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
  /** 'line' joins the points; 'markers' draws a dot at each. */
  readonly style: 'line' | 'markers';
}

/** An x–y plot. With `logY`, y values must be positive and the axis shows powers of ten. */
export interface PlotSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly logY?: boolean;
  /** Optional horizontal reference line (e.g. a tolerance), drawn dashed and labelled. */
  readonly reference?: { readonly y: number; readonly label: string };
}

const WIDTH = 680;
const HEIGHT = 340;
const MARGIN = { left: 70, right: 170, top: 34, bottom: 48 };
const COLORS = ['#3a7bd5', '#e4572e', '#2e9f5b', '#9b5de5', '#c78b00', '#17a2b8'];

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const format = (value: number) => Number(value.toPrecision(3)).toString();

/** Evenly spaced "nice" ticks covering [lo, hi]. */
function linearTicks(lo: number, hi: number, count = 6): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => span / s <= count) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let tick = Math.ceil(lo / step) * step; tick <= hi + step * 1e-9; tick += step) ticks.push(tick);
  return ticks;
}

/**
 * Renders an x–y plot as a self-contained SVG string (text in currentColor, so it follows the page's theme).
 *
 * @example
 * plotSvg({ title: 'e', xLabel: 'x', yLabel: 'y', series: [{ label: 'a', style: 'line', points: [[0, 1], [1, 2]] }] });
 * // '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 680 340" …'
 */
export function plotSvg(spec: PlotSpec): string {
  const points = spec.series.flatMap((s) => s.points);
  if (points.length === 0) throw new Error(`The plot "${spec.title}" has no points.`);
  const toY = (y: number) => (spec.logY ? Math.log10(y) : y);
  if (spec.logY && points.some(([, y]) => !(y > 0))) {
    throw new Error(`The plot "${spec.title}" has a log y axis but a value that is not positive.`);
  }
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => toY(y));
  if (spec.reference) ys.push(toY(spec.reference.y));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (spec.logY) [y0, y1] = [Math.floor(y0), Math.ceil(y1)];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0 || 1)) * plotW;
  const py = (y: number) => MARGIN.top + (1 - (toY(y) - y0) / (y1 - y0)) * plotH;
  const parts: string[] = [];
  parts.push(`<text x="${WIDTH / 2 - MARGIN.right / 2}" y="20" text-anchor="middle" font-weight="600">`);
  parts.push(`${escapeXml(spec.title)}</text>`);

  const yTicks = spec.logY
    ? Array.from({ length: y1 - y0 + 1 }, (_, i) => 10 ** (y0 + i)).filter(
        (_, i, all) => all.length <= 8 || i % Math.ceil(all.length / 8) === 0,
      )
    : linearTicks(y0, y1);
  for (const tick of yTicks) {
    const y = py(tick).toFixed(1);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y}" y2="${y}" stroke="currentColor"`,
    );
    parts.push(` stroke-opacity="0.12"/>`);
    const label = spec.logY ? `1e${Math.round(Math.log10(tick))}` : format(tick);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y}" dy="0.32em" text-anchor="end">${label}</text>`);
  }
  for (const tick of linearTicks(x0, x1, 8)) {
    const x = px(tick).toFixed(1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 4}"`);
    parts.push(` stroke="currentColor"/>`);
    parts.push(`<text x="${x}" y="${MARGIN.top + plotH + 17}" text-anchor="middle">${format(tick)}</text>`);
  }
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none"`);
  parts.push(` stroke="currentColor" stroke-opacity="0.5"/>`);
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">`);
  parts.push(`${escapeXml(spec.xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">`);
  parts.push(`${escapeXml(spec.yLabel)}</text>`);

  if (spec.reference) {
    const y = py(spec.reference.y).toFixed(1);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y}" y2="${y}" stroke="currentColor"`,
    );
    parts.push(` stroke-dasharray="5 4"/>`);
    parts.push(`<text x="${MARGIN.left + plotW - 4}" y="${y}" dy="1.2em" text-anchor="end">`);
    parts.push(`${escapeXml(spec.reference.label)}</text>`);
  }
  spec.series.forEach((series, i) => {
    const color = COLORS[i % COLORS.length];
    if (series.style === 'line') {
      const d = series.points.map(([x, y], j) => `${j ? 'L' : 'M'}${px(x).toFixed(1)} ${py(y).toFixed(1)}`);
      parts.push(`<path d="${d.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
    } else {
      for (const [x, y] of series.points) {
        parts.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${color}"`);
        parts.push(` fill-opacity="0.75"/>`);
      }
    }
    const ly = MARGIN.top + 10 + i * 20;
    const lx = WIDTH - MARGIN.right + 14;
    parts.push(`<rect x="${lx}" y="${ly - 5}" width="14" height="10" fill="${color}"/>`);
    parts.push(`<text x="${lx + 20}" y="${ly}" dy="0.32em">${escapeXml(series.label)}</text>`);
  });
  return svgDocument(WIDTH, HEIGHT, spec.title, parts.join(''));
}

/** One bar of a bar chart. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Text shown after the bar; defaults to the value. */
  readonly note?: string;
}

/**
 * Renders horizontal bars (one per row, longest = widest) as an SVG string.
 *
 * @example
 * barsSvg('Speed', 'GFLOP/s', [{ label: 'wasm', value: 30 }, { label: 'js', value: 7 }]);
 */
export function barsSvg(title: string, unit: string, bars: readonly Bar[]): string {
  if (bars.length === 0) throw new Error(`The bar chart "${title}" has no bars.`);
  const rowH = 24;
  const labelW = 260;
  const height = 50 + bars.length * rowH + 24;
  const plotW = WIDTH - labelW - 110;
  const max = Math.max(...bars.map((b) => b.value));
  const parts = [
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-weight="600">${escapeXml(title)}</text>`,
  ];
  bars.forEach((bar, i) => {
    const y = 40 + i * rowH;
    const w = max > 0 ? (bar.value / max) * plotW : 0;
    const color = COLORS[0];
    parts.push(`<text x="${labelW - 8}" y="${y + rowH / 2}" dy="0.32em" text-anchor="end">`);
    parts.push(`${escapeXml(bar.label)}</text>`);
    parts.push(
      `<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${color}"/>`,
    );
    parts.push(`<text x="${labelW + w + 6}" y="${y + rowH / 2}" dy="0.32em">`);
    parts.push(`${escapeXml(bar.note ?? format(bar.value))}</text>`);
  });
  parts.push(
    `<text x="${labelW + plotW / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(unit)}</text>`,
  );
  return svgDocument(WIDTH, height, title, parts.join(''));
}

function svgDocument(width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `role="img" aria-label="${escapeXml(title)}" font-family="system-ui, sans-serif" font-size="12" ` +
    `fill="currentColor"><title>${escapeXml(title)}</title>${body}</svg>`
  );
}
