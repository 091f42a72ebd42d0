// The build-time helpers on their own: region lookup in the real sources, and the SVG charts' invariants.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filesWithRegions, findRegion, regionNames, sourceSlug } from '../lib/repo.js';
import { barsSvg, plotSvg } from '../lib/svg.js';

describe('findRegion', () => {
  it('finds the one file holding a region and returns the lines of its body', () => {
    const region = findRegion('eq21-bptt');
    expect(region.path).toMatch(/^packages\/rnn\/src\/.+\.ts$/);
    const lines = readFileSync(region.file, 'utf8').split('\n');
    const [first, last] = region.lines;
    expect(lines[first - 2]?.trim()).toBe('// #region eq21-bptt');
    expect(lines[last]?.trim()).toBe('// #endregion eq21-bptt');
  });

  it('throws, naming the region, when no file holds it', () => {
    expect(() => findRegion('eq99-nowhere')).toThrow(/eq99-nowhere/);
  });

  it('lists every file the site quotes, each with a page slug of its own', () => {
    const files = filesWithRegions();
    expect(files).toContain(findRegion('test-eq13-literal').path);
    expect(new Set(files.map(sourceSlug)).size).toBe(files.length);
  });

  it('reads region names only from region comments', () => {
    const text = ['// #region a', 'const x = "// #region b";', '  // #region c-d', '// #endregion a'].join(
      '\n',
    );
    expect(regionNames(text)).toEqual(['a', 'c-d']);
  });
});

describe('SVG charts', () => {
  const series = (points: [number, number][]) => [{ label: 's', style: 'line' as const, points }];

  it('draws one path per line series and one circle per marker', () => {
    const svg = plotSvg({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [
        {
          label: 'a',
          style: 'line',
          points: [
            [0, 1],
            [1, 2],
            [2, 3],
          ],
        },
        {
          label: 'b',
          style: 'markers',
          points: [
            [0, 1],
            [1, 2],
          ],
        },
      ],
    });
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(2);
  });

  it('labels a log axis with the powers of ten that cover the data', () => {
    const svg = plotSvg({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      logY: true,
      series: series([
        [0, 3e-9],
        [1, 2e-6],
      ]),
    });
    for (const label of ['1e-9', '1e-8', '1e-7', '1e-6', '1e-5']) expect(svg).toContain(`>${label}<`);
  });

  it('refuses a value a log axis cannot show, and an empty plot', () => {
    expect(() =>
      plotSvg({ title: 't', xLabel: 'x', yLabel: 'y', logY: true, series: series([[0, 0]]) }),
    ).toThrow(/not positive/);
    expect(() => plotSvg({ title: 'empty', xLabel: 'x', yLabel: 'y', series: [] })).toThrow(/no points/);
  });

  it('draws bars in proportion to their values and escapes labels', () => {
    const svg = barsSvg('b', 'u', [
      { label: 'a<b', value: 10 },
      { label: 'c', value: 5 },
    ]);
    const widths = [...svg.matchAll(/<rect x="\d+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect((widths[0] ?? 0) / (widths[1] ?? 1)).toBeCloseTo(2, 5);
    expect(svg).toContain('a&lt;b');
  });
});
