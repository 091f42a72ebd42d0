// The playground's measured figures (bench/results.json) as table rows: for the README and for the site's pages.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What bench/playground.measure.ts writes.
 * @typedef {{ readonly modules: number, readonly bytes: number, readonly base64Bytes: number }} WasmResult
 * @typedef {{ readonly path: string, readonly label: string, readonly files: number, readonly bytes: number,
 *   readonly gzipBytes: number, readonly wasm: WasmResult }} BundleResult
 * @typedef {{ readonly frames: number, readonly median: number, readonly p95: number, readonly p99: number,
 *   readonly max: number, readonly seconds: number, readonly tokensPerSecond: number }} RunResult
 * @typedef {{ readonly machine: { readonly cpu: string, readonly cores: number,
 *   readonly loadAverage: readonly number[], readonly nice: number, readonly chromium: string,
 *   readonly chromiumBuild: string },
 *   readonly bundles: readonly BundleResult[], readonly training: { readonly hiddenSize: number,
 *   readonly seqLength: number, readonly steps: number, readonly runs: readonly RunResult[],
 *   readonly idle: readonly IdleResult[] } }} Results
 * @typedef {Omit<RunResult, 'tokensPerSecond'>} IdleResult
 */

/** Where `pnpm bench` writes the figures. */
export const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url));

/** The frame-interval target of the playground's issue: the page keeps drawing while it trains. */
export const FRAME_TARGET_MS = 100;

/**
 * Reads bench/results.json.
 * @example readResults().training.hiddenSize // 100
 * @returns {Results}
 */
export function readResults() {
  return JSON.parse(readFileSync(RESULTS_PATH, 'utf8'));
}

/**
 * Writes bench/results.json as the repository's Biome formats JSON, so that `biome check` accepts the file as written.
 * @example writeResults(results) // bench/results.json rewritten
 * @param {Results} results
 */
export function writeResults(results) {
  const biome = join(
    dirname(createRequire(import.meta.url).resolve('@biomejs/biome/package.json')),
    'bin',
    'biome',
  );
  const text = execFileSync(process.execPath, [biome, 'format', '--stdin-file-path=results.json'], {
    input: JSON.stringify(results),
    encoding: 'utf8',
    cwd: dirname(RESULTS_PATH),
  });
  writeFileSync(RESULTS_PATH, text);
}

/**
 * Bytes in kilobytes (1000 bytes), one decimal.
 * @example kB(272144) // '272.1 kB'
 * @param {number} bytes
 */
export const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/**
 * One row per measured page: path, what it is, JavaScript files, raw and gzipped size, and the WebAssembly inside.
 * @example bundleRows(readResults())[0].gzip // '93.2 kB'
 * @param {Results} results
 */
export function bundleRows(results) {
  return results.bundles.map((b) => ({
    path: b.path,
    label: b.label,
    files: String(b.files),
    js: kB(b.bytes),
    gzip: kB(b.gzipBytes),
    wasm:
      b.wasm.modules === 0
        ? 'none'
        : `${b.wasm.modules} modules, ${kB(b.wasm.bytes)} (${kB(b.wasm.base64Bytes)} as base64)`,
  }));
}

/**
 * The frame intervals of each training run (and of the idle page after it), and the verdict on the target (the
 * longest interval of all training runs).
 * @example frameSummary(readResults()).met // true
 * @param {Results} results
 */
export function frameSummary(results) {
  const runs = results.training.runs;
  const longest = Math.max(...runs.map((r) => r.max));
  return {
    runs,
    idle: results.training.idle,
    longest,
    median: Math.max(...runs.map((r) => r.median)),
    met: longest < FRAME_TARGET_MS,
    verdict: `every frame interval under ${FRAME_TARGET_MS} ms while training: ${longest < FRAME_TARGET_MS ? 'met' : 'missed'}, the longest was ${longest} ms`,
  };
}
