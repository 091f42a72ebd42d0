// Paths of the repository and the search for the source file that holds a named `// #region`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The docs package folder (the VitePress source directory). */
export const DOCS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The repository root, one level above docs/. */
export const REPO_ROOT = resolve(DOCS_ROOT, '..');

/** The folders whose TypeScript files may hold the regions the site imports (sources and their tests). */
export const REGION_FOLDERS: readonly string[] = ['packages/rnn/src', 'packages/rnn/test'];

/** A named region found in a source file. */
export interface RegionLocation {
  /** The absolute path of the file. */
  readonly file: string;
  /** The path relative to the repository root, with forward slashes. */
  readonly path: string;
  /** The region's name, e.g. `eq13-literal`. */
  readonly name: string;
  /** The first and last line (1-based) of the region's body. */
  readonly lines: readonly [number, number];
}

/** Lists every `.ts` file below `folder` (relative to the repository root), skipping node_modules and dist. */
export function listTypeScriptFiles(folder: string): string[] {
  const root = join(REPO_ROOT, folder);
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort()) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const full = join(root, entry);
    if (statSync(full).isDirectory()) files.push(...listTypeScriptFiles(relative(REPO_ROOT, full)));
    else if (entry.endsWith('.ts')) files.push(full);
  }
  return files;
}

const regionLine = /^\s*\/\/ ?#region ([\w*-]+)\s*$/;

/** The names of the regions a source text opens, in order. */
export function regionNames(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const match = regionLine.exec(line);
    return match?.[1] ? [match[1]] : [];
  });
}

/**
 * Finds the one file in {@link REGION_FOLDERS} that holds `// #region name` … `// #endregion name`.
 * Throws when no file or more than one file holds it, or when the region is never closed, so that the
 * site cannot show a snippet that no longer exists.
 */
export function findRegion(name: string): RegionLocation {
  const found: RegionLocation[] = [];
  for (const folder of REGION_FOLDERS) {
    for (const file of listTypeScriptFiles(folder)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      const start = lines.findIndex((line) => line.trim() === `// #region ${name}`);
      if (start < 0) continue;
      const end = lines.findIndex((line, i) => i > start && line.trim() === `// #endregion ${name}`);
      const path = relative(REPO_ROOT, file).split('\\').join('/');
      if (end < 0)
        throw new Error(`Region "${name}" in ${path} opens at line ${start + 1} but is never closed.`);
      found.push({ file, path, name, lines: [start + 2, end] });
    }
  }
  const [first, second] = found;
  if (!first) {
    throw new Error(`No file in ${REGION_FOLDERS.join(', ')} holds the region "// #region ${name}".`);
  }
  if (second) throw new Error(`Region "${name}" is defined in both ${first.path} and ${second.path}.`);
  return first;
}

/** The site page (without extension) that shows a whole source file, e.g. `/source/packages-rnn-src-loss-ts`. */
export function sourcePage(path: string): string {
  return `/source/${sourceSlug(path)}`;
}

/** The slug of a source file's page: its repository path with every separator turned into '-'. */
export function sourceSlug(path: string): string {
  return path.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
}

/** Every source file (repository path) that opens at least one region: the files the site links to. */
export function filesWithRegions(): string[] {
  return REGION_FOLDERS.flatMap(listTypeScriptFiles)
    .filter((file) => regionNames(readFileSync(file, 'utf8')).length > 0)
    .map((file) => relative(REPO_ROOT, file).split('\\').join('/'));
}
