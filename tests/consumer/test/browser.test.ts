// The READMEs' browser examples, bundled by esbuild for the browser and run in real headless Chromium: @rnn/core's
// trains and runs gradcheck in the page.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumSource, launchChromium } from '@rnn/chromium';
import { build } from 'esbuild';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PACKAGES, type PackageName } from './project.js';
import { installedExamples } from './readme.js';

const { dir } = inject('consumer');
/** Pages are served from this made-up origin by request interception: no server, no port. */
const ORIGIN = 'http://consumer.test';
/** What each example's page shows when it has finished: @rnn/core's ends with gradcheck's verdict. */
const FINISHED: Record<PackageName, RegExp> = {
  '@rnn/einsum': /\[\[7,10\],\[15,22\]\]/,
  '@rnn/core': /passed|FAILED/,
};

interface PageRun {
  readonly bundle: string;
  readonly text: string;
  readonly faults: readonly string[];
}

let browser: Browser | undefined;
const runs = new Map<PackageName, PageRun>();

/**
 * Writes a README's `app.js` and `index.html`, bundles app.js as its README says
 * (`npx esbuild app.js --bundle --format=esm --outfile=app.bundle.js`; esbuild's platform is the browser), opens the
 * page and waits until it shows that it finished.
 */
async function runExample(context: BrowserContext, name: PackageName): Promise<PageRun> {
  const examples = installedExamples(dir, name);
  const folder = examples[0]?.folder ?? '';
  for (const file of ['app.js', 'index.html']) {
    const example = examples.find((e) => e.file === file);
    if (!example) throw new Error(`${name}'s README has no <!-- run: ${file} --> example`);
    writeFileSync(join(folder, file), example.code);
  }
  await build({
    absWorkingDir: folder,
    entryPoints: ['app.js'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: 'app.bundle.js',
    logLevel: 'silent',
  });
  const page = await context.newPage();
  const faults: string[] = [];
  page.on('pageerror', (error) => faults.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') faults.push(`console: ${message.text()}`);
  });
  await page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({ path: join(folder, new URL(route.request().url()).pathname) }),
  );
  await page.goto(`${ORIGIN}/index.html`);
  const finished = FINISHED[name];
  await page
    .waitForFunction((source) => new RegExp(source).test(document.body.textContent ?? ''), finished.source)
    .catch((error: Error) => {
      throw new Error(`${name}'s browser example did not finish: ${error.message} ${JSON.stringify(faults)}`);
    });
  const text = (await page.textContent('body')) ?? '';
  await page.close();
  return { bundle: readFileSync(join(folder, 'app.bundle.js'), 'utf8'), text, faults };
}

beforeAll(async () => {
  console.log(`Chromium: ${JSON.stringify(chromiumSource())}`);
  browser = await launchChromium();
  // One context for both pages: the npm build of Chromium runs as one process, which closing a context ends.
  const context = await browser.newContext();
  // Training in the page takes about a second on a quiet machine and many times that on a loaded one: the waits
  // are generous, never timing assertions.
  context.setDefaultTimeout(120_000);
  for (const name of PACKAGES) runs.set(name, await runExample(context, name));
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

const run = (name: PackageName): PageRun => runs.get(name) as PageRun;

describe.each(PACKAGES)("%s's browser example in Chromium", (name) => {
  it('bundles for the browser without any node: import or require', () => {
    expect(run(name).bundle).not.toMatch(/(?:from|import\(|require\()\s*["']node:/);
    expect(run(name).bundle).not.toMatch(/\b__require\b/); // esbuild's shim for a require() it could not bundle
  });

  it('runs without a page error or a console error', () => {
    expect(run(name).faults).toEqual([]);
  });
});

describe("@rnn/core's example in the page", () => {
  it('trains: the loss falls', () => {
    const { text } = run('@rnn/core');
    const losses = [...text.matchAll(/loss (\d+\.\d+)/g)].map((match) => Number(match[1]));
    expect(losses.length, text).toBeGreaterThanOrEqual(4);
    // 28 distinct characters: the loss starts near log 28 ≈ 3.3 nats, and on this repetitive text it was 0.82 at
    // the first logged step (50) and 0.017 at step 400 when measured in Node; 20% below the first logged loss
    // fails only a broken trainer.
    expect(losses.at(-1) as number, text).toBeLessThan(0.8 * (losses[0] as number));
  });

  it('runs gradcheck: both forms of (13), (21), (24) agree with finite differences', () => {
    expect(run('@rnn/core').text).toMatch(/worst \S+ ≤ tolerance 1e-4: passed/);
  });
});

describe("@rnn/einsum's example in the page", () => {
  it('shows the product and the plan', () => {
    const { text } = run('@rnn/einsum');
    expect(text).toContain('[[7,10],[15,22]]');
    expect(text).toContain('Optimized FLOP count');
  });
});
