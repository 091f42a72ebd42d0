// Measures the playground on the built site in real Chromium: the JavaScript (and WebAssembly) each page loads, and
// the frame intervals of the trainer page while it trains. Writes bench/results.json; scripts/readme.mjs renders it.
import { cpus, getPriority, loadavg } from 'node:os';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumSource, launchChromium } from '../test/browser.js';
import { SITE, serveBuiltSite } from '../test/built-site.js';
import { type FrameFigures, frameFigures, recordFrames } from '../test/frames.js';
import { type BundleFigures, recordScripts } from './bundle.js';
import { writeResults } from './figures.mjs';

/** The pages measured: the three playground pages, the home page (the explorer embedded), and a plain page. */
const PAGES = [
  { path: '/playground/einsum', label: 'the einsum explorer' },
  { path: '/playground/train', label: 'the trainer, with its worker' },
  { path: '/playground/gradcheck', label: 'the gradient check' },
  { path: '/', label: 'the home page, with the explorer embedded' },
  { path: '/guide/installation', label: 'a page without the playground, for comparison' },
] as const;

/** The training run whose frames are measured: the page's default model, as a reader first meets it. */
const RUN = { hiddenSize: 100, seqLength: 25, steps: 3000 } as const;
const REPEATS = 3;

/** A training run's frame intervals, its length and its throughput. */
type TrainingFrames = FrameFigures & { readonly seconds: number; readonly tokensPerSecond: number };
let site: { url: string; close: () => Promise<void> };
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  site = await serveBuiltSite();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function measureBundle(path: string): Promise<BundleFigures> {
  // One context for every page (the npm Chromium runs as a single process, where closing a context ends it), with
  // the cache off, so that everything a page needs is fetched and recorded.
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const recording = recordScripts(page, site.url, SITE);
  await page.goto(site.url + path, { waitUntil: 'networkidle' });
  if (path === '/playground/train') {
    // The worker (and @rnn/core inside it) loads when a run starts.
    await page.fill('[data-testid="train-steps"]', '1');
    await page.click('[data-testid="train-start"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="train-status"]')?.textContent === 'done',
    );
  }
  const figures = recording.figures();
  await page.close();
  return figures;
}

/** Frames of the trainer page while it trains the default model, after as long again with the page idle. */
async function measureTraining(): Promise<{
  idle: FrameFigures & { seconds: number };
  training: TrainingFrames;
}> {
  const page = await context.newPage();
  await page.goto(`${site.url}/playground/train`, { waitUntil: 'networkidle' });
  await page.fill('[data-testid="train-hidden"]', String(RUN.hiddenSize));
  await page.fill('[data-testid="train-seq-length"]', String(RUN.seqLength));
  await page.fill('[data-testid="train-steps"]', String(RUN.steps));
  await page.waitForTimeout(500);
  let stop = await recordFrames(page);
  const start = Date.now();
  await page.click('[data-testid="train-start"]');
  await page.waitForFunction(
    (total) => document.querySelector('[data-testid="train-step"]')?.textContent === `${total} / ${total}`,
    RUN.steps,
    { timeout: 600_000, polling: 250 },
  );
  const seconds = (Date.now() - start) / 1000;
  const training = frameFigures(await stop());
  // The same page doing nothing, for as long: what the machine alone does to the frames, side by side.
  stop = await recordFrames(page);
  await page.waitForTimeout(seconds * 1000);
  const idle = frameFigures(await stop());
  await page.close();
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    idle: { ...idle, seconds: round(seconds) },
    training: {
      ...training,
      seconds: round(seconds),
      tokensPerSecond: Math.round((RUN.steps * RUN.seqLength) / seconds),
    },
  };
}

it('measures the bundles and the frame intervals while training, and writes bench/results.json', async () => {
  const bundles = [];
  for (const { path, label } of PAGES) bundles.push({ path, label, ...(await measureBundle(path)) });
  const runs = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await measureTraining());
  const results = {
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
      nice: getPriority(),
      chromium: browser.version(),
      // The npm build runs Chromium as one process (renderer, GPU and compositor threads together).
      chromiumBuild: chromiumSource().kind === 'npm' ? '@sparticuz/chromium' : (chromiumSource().path ?? ''),
    },
    bundles,
    training: { ...RUN, runs: runs.map((r) => r.training), idle: runs.map((r) => r.idle) },
  };
  writeResults(results);
  // Sanity, not a target: every page loaded scripts, and each run drew frames.
  for (const bundle of bundles) expect(bundle.files, bundle.path).toBeGreaterThan(0);
  for (const run of runs) expect(run.training.frames).toBeGreaterThan(10);
});
