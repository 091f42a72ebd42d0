// The built site for the browser tests and the bench: served on 127.0.0.1, and its pages opened until hydrated.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DOCS_ROOT } from '../lib/repo.js';
import { serveDirectory } from '../scripts/static-server.mjs';

/**
 * Where `vitepress build` writes the site.
 *
 * @example
 * ```ts
 * listPages(SITE); // ['/api/index.html', …]
 * ```
 */
export const SITE = join(DOCS_ROOT, '.vitepress', 'dist');

/**
 * Serves the built site on 127.0.0.1; throws, saying how to build it, when there is none.
 *
 * @example
 * ```ts
 * const site = await serveBuiltSite();
 * await page.goto(`${site.url}/playground/einsum`);
 * await site.close();
 * ```
 */
export async function serveBuiltSite(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(SITE, 'index.html'))) {
    throw new Error(
      `No built site in ${SITE}: run the build first (npx pnpm@12.4.2 --filter @rnn/docs build).`,
    );
  }
  return serveDirectory(SITE);
}

/**
 * Waits until Vue has hydrated the page, so its components are mounted and their hooks live.
 *
 * @example
 * ```ts
 * await page.goto(url, { waitUntil: 'domcontentloaded' });
 * await waitForHydration(page);
 * ```
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => '__vue_app__' in (document.querySelector('#app') ?? {}));
}
