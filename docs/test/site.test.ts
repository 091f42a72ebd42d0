// The built site in a real browser: every page loads cleanly, the math is typeset, the einsum strings are @rnn/core's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EQUATIONS } from '@rnn/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODED_EQUATIONS, EQUATION_PAGES } from '../lib/equation-pages.js';
import { DOCS_ROOT, REPO_ROOT } from '../lib/repo.js';
import { launchChromium } from './browser.js';
import { SITE, serveBuiltSite } from './built-site.js';
import { crawl, listPages, type PageReport } from './crawl.js';

const OUTPUT = join(DOCS_ROOT, 'test-output');

/** The pages a reader meets first: screenshots of these are kept in test-output/. */
const MAIN_PAGES = new Set([
  '/index.html',
  '/derivation/index.html',
  '/derivation/output-weights.html',
  '/derivation/recurrent-weights.html',
  '/derivation/input-weights.html',
  '/derivation/vanishing-gradient.html',
  '/derivation/verification.html',
  '/guide/einsum.html',
  '/guide/trainer.html',
  '/guide/installation.html',
  '/guide/numpy.html',
  '/playground/einsum.html',
  '/playground/train.html',
  '/playground/gradcheck.html',
  '/benchmarks.html',
  '/api/index.html',
]);

let reports: PageReport[] = [];
let site: { url: string; close: () => Promise<void> } | undefined;
let browser: Browser | undefined;

const report = (path: string): PageReport => {
  const found = reports.find((r) => r.path === path);
  if (!found) throw new Error(`The page ${path} was not built or not visited.`);
  return found;
};

beforeAll(async () => {
  site = await serveBuiltSite();
  browser = await launchChromium();
  reports = await crawl(browser, site.url, listPages(SITE), {
    tabs: 3,
    screenshots: MAIN_PAGES,
    outDir: OUTPUT,
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('every page of the built site', () => {
  it('includes the main pages', () => {
    for (const path of MAIN_PAGES) expect(reports.map((r) => r.path)).toContain(path);
  });

  it('loads without console errors, page errors or failed requests', () => {
    const faults = reports.flatMap((r) => r.errors.map((e) => `${r.path}: ${e}`));
    expect(faults).toEqual([]);
  });

  it('has a title and content', () => {
    for (const r of reports) {
      expect(r.title.trim(), r.path).not.toBe('');
      // A page with fewer than 40 characters of text in <main> has lost its content.
      expect(r.textLength, r.path).toBeGreaterThan(40);
    }
  });

  it('links only to pages and files that exist', async () => {
    const targets = new Set(reports.flatMap((r) => r.links));
    const missing: string[] = [];
    for (const target of targets) {
      const response = await fetch(`${site?.url}${target}`);
      if (response.status !== 200) missing.push(`${target} (${response.status})`);
    }
    expect(missing).toEqual([]);
  });
});

describe('the derivation', () => {
  it('typesets every numbered equation as math (MathJax SVG), (13), (21) and (24) included', () => {
    for (const [page, numbers] of Object.entries(EQUATION_PAGES)) {
      const math = report(`/${page}.html`).math;
      for (const number of numbers) expect(math[number], `(${number}) on ${page}`).toBe(true);
    }
    expect(report('/derivation/output-weights.html').math['13']).toBe(true);
    expect(report('/derivation/recurrent-weights.html').math['21']).toBe(true);
    expect(report('/derivation/input-weights.html').math['24']).toBe(true);
  });

  it('shows the einsum strings exported by @rnn/core, in order, for both forms', () => {
    const shown = reports.flatMap((r) => r.einsum.map((panel) => ({ ...panel, path: r.path })));
    for (const [number, page] of Object.entries(CODED_EQUATIONS)) {
      const onPage = shown.filter((p) => p.equation === number && p.path === `/${page}.html`);
      expect(onPage.length, `(${number}) on ${page}`).toBeGreaterThan(0);
      const forms =
        EQUATIONS[number as keyof typeof CODED_EQUATIONS].batched.length > 0
          ? ['literal', 'bptt', 'batched']
          : ['literal', 'bptt'];
      for (const form of forms) {
        expect(
          onPage.some((p) => p.forms.split(' ').includes(form)),
          `(${number}) ${form}`,
        ).toBe(true);
      }
    }
    expect(shown.length).toBeGreaterThan(0);
    for (const panel of shown) {
      const equation = EQUATIONS[panel.equation as keyof typeof CODED_EQUATIONS];
      expect(equation, `${panel.path}: unknown equation ${panel.equation}`).toBeDefined();
      for (const form of panel.forms.split(' ') as ('literal' | 'bptt' | 'batched')[]) {
        expect(panel.strings, `${panel.path} (${panel.equation}) ${form}`).toEqual(
          equation[form].map((c) => c.subscripts),
        );
        // the one-hot products of the training step are declared on the page: gather, scatter or product
        expect(panel.evaluations, `${panel.path} (${panel.equation}) ${form}`).toEqual(
          equation[form].map((c) => c.oneHot ?? 'product'),
        );
      }
    }
  });

  it('shows a verification plot for each gradient and the vanishing-gradient plot', () => {
    const plots = Object.assign({}, ...reports.map((r) => r.plots)) as Record<string, number>;
    for (const number of ['13', '21', '24']) {
      // Two series (literal, bptt) of one marker per model: at least 2 × 20 circles.
      expect(plots[`verification-${number}`], `verification plot of (${number})`).toBeGreaterThanOrEqual(40);
    }
    expect(report('/derivation/vanishing-gradient.html').plots.vanishing).toBeGreaterThanOrEqual(4);
  });
});

describe('the guides', () => {
  it('show the benchmark charts of both packages', () => {
    const plots = report('/benchmarks.html').plots;
    expect(plots['bench-einsum']).toBeGreaterThan(0);
    expect(plots['bench-rnn']).toBeGreaterThan(0);
  });

  it("show PyTorch's figures from the results file of npm run test:torch", () => {
    const results = JSON.parse(readFileSync(join(REPO_ROOT, 'apps/tui/test/torch/results.json'), 'utf8'));
    const shown = (value: number) => value.toExponential(1).replace('e-', 'e−');
    const verification = readFileSync(join(SITE, 'derivation', 'verification.html'), 'utf8');
    for (const row of results.gradients.rows) {
      const cells = new RegExp(
        `data-torch-equation="${row.equation}"[^]*?${shown(row.bptt)}[^]*?${shown(row.literal)}`,
      );
      expect(verification, `(${row.equation})`).toMatch(cells);
    }
    const guide = readFileSync(join(SITE, 'guide', 'leaving-one-machine.html'), 'utf8');
    for (const level of ['char', 'word']) {
      const cells = new RegExp(
        `data-torch-ddp="${level}"[^]*?${shown(results.ddp[level].loss)}[^]*?${shown(results.ddp[level].weights)}`,
      );
      expect(guide, level).toMatch(cells);
    }
    expect(guide.replace(/<[^>]+>/g, '')).toContain('torchrun --nnodes 2 --nproc_per_node 4'); // code is highlighted
  });

  it('link to the API reference from every guide page', () => {
    const guides = reports.filter((r) => /^\/(derivation|guide)\/|^\/benchmarks/.test(r.path));
    expect(guides.length).toBeGreaterThan(8);
    for (const r of guides)
      expect(
        r.contentLinks.some((l) => l.startsWith('/api/')),
        r.path,
      ).toBe(true);
  });
});
