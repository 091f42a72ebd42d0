// Facts fixed at bundle time by esbuild (version, shipped corpus); fallbacks when running unbundled.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

declare const __RNN_VERSION__: string | undefined;
declare const __RNN_CORPUS__: string | undefined;

/**
 * The version of @rnn/tui.
 * @example VERSION // '0.1.0'
 */
export const VERSION: string = typeof __RNN_VERSION__ === 'string' ? __RNN_VERSION__ : '0.0.0-dev';

/**
 * The shipped corpus: the copy the build put beside dist/cli.js, else @rnn/core's DEFAULT_CORPUS_PATH.
 * Read without loading @rnn/core, which keeps the first frame fast.
 * @example await shippedCorpusPath() // '/…/apps/tui/dist/harbour-tales.txt'
 */
export async function shippedCorpusPath(): Promise<string> {
  if (typeof __RNN_CORPUS__ === 'string') {
    const bundled = fileURLToPath(new URL(`./${__RNN_CORPUS__}`, import.meta.url));
    if (existsSync(bundled)) return bundled;
  }
  const { DEFAULT_CORPUS_PATH } = await import('@rnn/core/node');
  return DEFAULT_CORPUS_PATH;
}
