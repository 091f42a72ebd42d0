// What a page of the built site loads to run: its scripts (the trainer's worker included), raw and gzipped, and
// the WebAssembly modules @rnn/einsum embeds in them as base64.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/**
 * The JavaScript a page loaded, summed.
 *
 * @example
 * ```ts
 * const { bytes, gzipBytes, wasm }: BundleFigures = recording.figures();
 * ```
 */
export interface BundleFigures {
  readonly files: number;
  readonly bytes: number;
  /** gzip at level 9, what a static host that compresses would send. */
  readonly gzipBytes: number;
  /** WebAssembly modules found inside the JavaScript (as base64 string literals). */
  readonly wasm: { readonly modules: number; readonly bytes: number; readonly base64Bytes: number };
  /** The files, by name, with their sizes. */
  readonly list: readonly { readonly name: string; readonly bytes: number; readonly gzipBytes: number }[];
}

/** '\0asm' in base64: every WebAssembly binary encoded as base64 starts with it. */
const WASM_BASE64 = /(["'`])(AGFzbQ[A-Za-z0-9+/]*={0,2})\1/g;

/**
 * Records every script (.js, .wasm) the page fetches from now on, its worker's included; `figures()` sums them from the built files.
 *
 * @example
 * ```ts
 * const recording = recordScripts(page, site.url, SITE);
 * await page.goto(url);
 * const figures = recording.figures();
 * ```
 */
export function recordScripts(page: Page, origin: string, root: string): { figures(): BundleFigures } {
  const paths = new Set<string>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    // 'script' only: VitePress also prefetches the pages that visible links lead to ('other'), which this page
    // does not need.
    const script = response.request().resourceType() === 'script';
    if (script && url.origin === origin && /\.(m?js|wasm)$/.test(url.pathname)) paths.add(url.pathname);
  });
  return {
    figures() {
      const list = [...paths].sort().map((path) => {
        const bytes = readFileSync(join(root, path));
        return {
          name: path,
          bytes: bytes.length,
          gzipBytes: gzipSync(bytes, { level: 9 }).length,
          text: bytes,
        };
      });
      const wasm = { modules: 0, bytes: 0, base64Bytes: 0 };
      for (const file of list) {
        for (const match of file.text.toString('utf8').matchAll(WASM_BASE64)) {
          const base64 = match[2] ?? '';
          wasm.modules += 1;
          wasm.base64Bytes += base64.length;
          wasm.bytes += Buffer.from(base64, 'base64').length;
        }
      }
      return {
        files: list.length,
        bytes: list.reduce((sum, f) => sum + f.bytes, 0),
        gzipBytes: list.reduce((sum, f) => sum + f.gzipBytes, 0),
        wasm,
        list: list.map(({ name, bytes, gzipBytes }) => ({ name, bytes, gzipBytes })),
      };
    },
  };
}
