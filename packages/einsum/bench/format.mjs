// Formats generated files with the repository's Biome, so that they are exactly what `biome check` accepts.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Biome's formatting of `text` as if it were the file `name` (its extension picks the language).
 * @example formatWithBiome('{"a":1}', 'results.json') // → '{ "a": 1 }\n'
 */
export function formatWithBiome(text, name) {
  const require = createRequire(import.meta.url);
  const biome = join(dirname(require.resolve('@biomejs/biome/package.json')), 'bin', 'biome');
  return execFileSync(process.execPath, [biome, 'format', `--stdin-file-path=${name}`], {
    input: text,
    encoding: 'utf8',
    cwd: dirname(new URL(import.meta.url).pathname),
    maxBuffer: 1 << 28,
  });
}
