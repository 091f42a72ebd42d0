// launchChromium(): the machine's Chromium when it has one, else the build that @sparticuz/chromium ships.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** The flags TOOLCHAIN.md gives for Debian's chromium on these machines (no sandbox, nothing in the background). */
const SYSTEM_CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where a system Chromium is looked for when `CHROMIUM_PATH` is not set. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Which browser {@link launchChromium} starts, and why: printed by the tests so a log says what ran. */
export function chromiumSource(): { readonly kind: 'system' | 'npm'; readonly path: string | undefined } {
  const configured = process.env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') return { kind: 'system', path: configured };
  return existsSync(SYSTEM_CHROMIUM)
    ? { kind: 'system', path: SYSTEM_CHROMIUM }
    : { kind: 'npm', path: undefined };
}

/**
 * Starts headless Chromium through playwright-core, never a browser download: `CHROMIUM_PATH` when set (it must
 * exist), else /usr/bin/chromium when present, else the build inside the npm package @sparticuz/chromium (it
 * unpacks to /tmp on first use, a few seconds), so that `npm test` needs nothing but Node and npm. The npm build
 * runs as a single process (`--single-process`): closing a browser context (and so `browser.newPage()`'s page)
 * ends the browser, so open every page in one context of your own.
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 * ```
 */
export async function launchChromium(): Promise<Browser> {
  const source = chromiumSource();
  if (source.kind === 'system') {
    if (!existsSync(source.path as string)) throw new Error(`CHROMIUM_PATH=${source.path}: no such file`);
    return chromium.launch({ executablePath: source.path, args: SYSTEM_CHROMIUM_ARGS });
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  return chromium.launch({ executablePath: await packaged.executablePath(), args: packaged.args });
}
