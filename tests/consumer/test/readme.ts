// The READMEs as a user meets them: their runnable examples (marked `<!-- run: FILE -->`) and their links.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fenced code block that the README marks with `<!-- run: FILE -->` on the line before it. */
export interface ReadmeExample {
  /** The file name the example is saved as in the consumer project: its extension says how it runs. */
  readonly file: string;
  readonly code: string;
}

/**
 * The examples a README marks as runnable, in order.
 *
 * @example
 * readmeExamples('<!-- run: a.mjs -->\n```js\nconsole.log(1);\n```'); // [{ file: 'a.mjs', code: 'console.log(1);' }]
 */
export function readmeExamples(markdown: string): ReadmeExample[] {
  const marked = /<!-- run: ([\w.-]+) -->\n```\w*\n([\s\S]*?)\n```/g;
  return [...markdown.matchAll(marked)].map(([, file = '', code = '']) => ({ file, code: `${code}\n` }));
}

/**
 * Every link target of a README outside its code: Markdown links, images and HTML `href` / `src` attributes.
 *
 * @example
 * readmeLinks('See [the docs](https://example.org/docs) and `[not](a link)`.'); // ['https://example.org/docs']
 */
export function readmeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const markdownLinks = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const htmlLinks = [...prose.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
  return [...markdownLinks, ...htmlLinks].filter((target): target is string => target !== undefined);
}

/**
 * The runnable examples of an installed package's README, each with the folder it is written to: one folder per
 * package under `readme/` in the consumer project, so that two READMEs may both have an `app.js`.
 *
 * @example
 * installedExamples('/tmp/rnn-consumer-x', '@rnn/core')[0]?.folder; // '/tmp/rnn-consumer-x/readme/core'
 */
export function installedExamples(
  dir: string,
  name: string,
): (ReadmeExample & { readonly folder: string })[] {
  const folder = join(dir, 'readme', name.replace(/^@rnn\//, ''));
  mkdirSync(folder, { recursive: true });
  const markdown = readFileSync(join(dir, 'node_modules', name, 'README.md'), 'utf8');
  return readmeExamples(markdown).map((example) => ({ ...example, folder }));
}
