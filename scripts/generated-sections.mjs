// Generated parts of Markdown files: the section between two markers, and Biome's formatting of generated text.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `text` with what lies between `<!-- NAME:start -->` and `<!-- NAME:end -->` replaced by `body` (on lines of its
 * own); throws, naming `file`, when the markers are missing.
 * @example replaceSection('a\n<!-- t:start -->\nold\n<!-- t:end -->\n', 't', 'new') // → 'a\n<!-- t:start -->\nnew\n<!-- t:end -->\n'
 * @param {string} text
 * @param {string} name
 * @param {string} body
 * @param {string} [file]
 * @returns {string}
 */
export function replaceSection(text, name, body, file = 'README.md') {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} section`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

/**
 * Biome's formatting of `text` as if it were the file `name` (its extension picks the language), so that a
 * generated file is exactly what `biome check` accepts.
 * @example formatWithBiome('{"a":1}', 'results.json') // → '{ "a": 1 }\n'
 * @param {string} text
 * @param {string} name
 * @returns {string}
 */
export function formatWithBiome(text, name) {
  const require = createRequire(import.meta.url);
  const biome = join(dirname(require.resolve('@biomejs/biome/package.json')), 'bin', 'biome');
  return execFileSync(process.execPath, [biome, 'format', `--stdin-file-path=${name}`], {
    input: text,
    encoding: 'utf8',
    cwd: dirname(fileURLToPath(import.meta.url)),
    maxBuffer: 1 << 28,
  });
}
