// Collects what a page reports as broken: console errors, uncaught exceptions, failed requests, HTTP errors.
import type { Page } from 'playwright-core';

/**
 * Starts recording a page's faults into the returned array (clear it with `length = 0` between visits).
 * Aborted requests are not faults: leaving a page aborts the prefetches VitePress started for its links.
 *
 * @example
 * ```ts
 * const errors = watchErrors(page);
 * await page.goto(url);
 * expect(errors).toEqual([]);
 * ```
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') errors.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}
