// Opens every page of the built site in headless Chromium once and records what the tests check.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { watchErrors } from './page-errors.js';

/** What one visit found. */
export interface PageReport {
  readonly path: string;
  readonly title: string;
  readonly textLength: number;
  readonly errors: readonly string[];
  readonly links: readonly string[];
  /** Same-origin links inside the page's own content (not the nav bar or sidebar). */
  readonly contentLinks: readonly string[];
  /** Equation number → whether `#eq-N` holds an mjx-container with an svg inside. */
  readonly math: Readonly<Record<string, boolean>>;
  /**
   * Einsum strings shown, per panel: equation, the forms a table stands for, the strings in order and how each is
   * evaluated ('product', or 'gather' / 'scatter' for the training step's one-hot products).
   */
  readonly einsum: readonly {
    readonly equation: string;
    readonly forms: string;
    readonly strings: readonly string[];
    readonly evaluations: readonly string[];
  }[];
  /** Plot name → number of drawn marks (paths, circles, rects) in its svg. */
  readonly plots: Readonly<Record<string, number>>;
}

/** Every built page (paths like `/derivation/index.html`), except the 404 page. */
export function listPages(root: string): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((entry) => {
      const full = join(folder, entry);
      if (statSync(full).isDirectory()) return entry === 'assets' ? [] : walk(full);
      return entry.endsWith('.html') && entry !== '404.html'
        ? [`/${relative(root, full).split('\\').join('/')}`]
        : [];
    });
  return walk(root).sort();
}

async function inspect(page: Page): Promise<Omit<PageReport, 'path' | 'errors'>> {
  return page.evaluate(() => {
    const math: Record<string, boolean> = {};
    for (const block of document.querySelectorAll<HTMLElement>('.numbered-equation[id^="eq-"]')) {
      math[block.id.slice(3)] = block.querySelector('mjx-container svg') !== null;
    }
    const einsum = [...document.querySelectorAll<HTMLElement>('.equation-panel table[data-forms]')].map(
      (table) => ({
        equation: table.closest<HTMLElement>('[data-equation]')?.dataset.equation ?? '',
        forms: table.dataset.forms ?? '',
        strings: [...table.querySelectorAll('code.einsum')].map((code) => code.textContent ?? ''),
        evaluations: [...table.querySelectorAll<HTMLElement>('[data-one-hot]')].map(
          (cell) => cell.dataset.oneHot ?? '',
        ),
      }),
    );
    const plots: Record<string, number> = {};
    for (const figure of document.querySelectorAll<HTMLElement>('[data-plot]')) {
      plots[figure.dataset.plot ?? ''] = figure.querySelectorAll('svg path, svg circle, svg rect').length;
    }
    const sameOrigin = (selector: string) =>
      [...document.querySelectorAll<HTMLAnchorElement>(selector)]
        .map((a) => new URL(a.href, location.href))
        .filter((url) => url.origin === location.origin)
        .map((url) => url.pathname);
    const links = sameOrigin('a[href]');
    const contentLinks = sameOrigin('.vp-doc a[href]');
    const main = document.querySelector('main') ?? document.body;
    const textLength = (main.textContent ?? '').trim().length;
    return { title: document.title, textLength, math, einsum, plots, links, contentLinks };
  });
}

/**
 * Visits each page at `baseUrl` with up to `tabs` pages in parallel, waits until Vue has hydrated it, and
 * records console errors, page errors and failed requests beside the page's contents. Pages whose path is in
 * `screenshots` are saved as full-page JPEGs in `outDir`.
 */
export async function crawl(
  browser: Browser,
  baseUrl: string,
  paths: readonly string[],
  options: { tabs: number; screenshots: ReadonlySet<string>; outDir: string },
): Promise<PageReport[]> {
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // A page hydrates and a full-page screenshot encodes in well under a second on a quiet machine, but `npm test`
  // shares two cores among every package's tests (and other work): waits are generous, never timing assertions.
  context.setDefaultTimeout(120_000);
  const queue = [...paths];
  const reports: PageReport[] = [];
  const worker = async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      errors.length = 0;
      await page.goto(baseUrl + path, { waitUntil: 'domcontentloaded' });
      await page
        .waitForFunction(() => '__vue_app__' in (document.querySelector('#app') ?? {}))
        .catch((error: Error) => {
          throw new Error(`${path} did not hydrate: ${error.message} ${JSON.stringify(errors)}`);
        });
      const found = await inspect(page);
      if (options.screenshots.has(path)) {
        const name = path
          .replace(/^\//, '')
          .replace(/\.html$/, '')
          .replace(/\//g, '-');
        // JPEG: a full-page PNG of a long page costs seconds to encode; these are for people to look at.
        await page.screenshot({
          path: join(options.outDir, `${name}.jpg`),
          fullPage: true,
          type: 'jpeg',
          quality: 75,
        });
      }
      reports.push({ path, errors: [...errors], ...found });
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: options.tabs }, worker));
  await context.close();
  return reports.sort((a, b) => a.path.localeCompare(b.path));
}
