// The post-build check: every numbered equation of every derivation page is in the built HTML, typeset as math.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EQUATION_PAGES } from './equation-pages.js';

/**
 * Reads the built pages in `outDir` and throws, listing every fault, when a numbered equation is missing or
 * was not rendered by MathJax (an `id="eq-N"` block without an `<mjx-container>` inside).
 *
 * @example
 * checkEquations('docs/.vitepress/dist'); // throws "Missing equations: (21) on derivation/recurrent-weights…"
 */
export function checkEquations(outDir: string): void {
  const faults: string[] = [];
  for (const [page, numbers] of Object.entries(EQUATION_PAGES)) {
    let html: string;
    try {
      html = readFileSync(join(outDir, `${page}.html`), 'utf8');
    } catch {
      faults.push(`the page ${page} was not built`);
      continue;
    }
    for (const number of numbers) {
      const at = html.indexOf(`id="eq-${number}"`);
      if (at < 0) faults.push(`(${number}) is missing on ${page}`);
      else if (!html.slice(at, at + 200).includes('<mjx-container')) {
        faults.push(`(${number}) on ${page} is not rendered as math`);
      }
    }
  }
  if (faults.length > 0) throw new Error(`Missing equations: ${faults.join('; ')}.`);
}
