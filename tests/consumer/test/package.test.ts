// The tarballs as a registry would publish them: their files, their manifests, their README links.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { CLI, PACKAGES, type PackageName, WORKSPACE } from './project.js';
import { readmeLinks } from './readme.js';

const { dir, packed } = inject('consumer');
const installed = (name: PackageName | typeof CLI, ...path: string[]) =>
  join(dir, 'node_modules', name, ...path);
const manifest = (name: PackageName) => JSON.parse(readFileSync(installed(name, 'package.json'), 'utf8'));
const root = JSON.parse(readFileSync(join(WORKSPACE, 'package.json'), 'utf8'));
/** Where each package lives in the repository (its manifest's `repository.directory`). */
const FOLDERS: Record<PackageName, string> = {
  '@rnn/einsum': 'packages/einsum',
  '@rnn/core': 'packages/rnn',
};

describe.each(PACKAGES)('the tarball of %s', (name) => {
  it('holds the built code, its TypeScript sources, README and the root LICENSE, and no tests', () => {
    const { files } = packed[name];
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'src/index.ts',
    ]) {
      expect(files).toContain(file);
    }
    expect(files.filter((file) => /(^|\/)(test|bench)\/|\.test\.tsx?$|tsbuildinfo/.test(file))).toEqual([]);
    expect(readFileSync(installed(name, 'LICENSE'), 'utf8')).toBe(
      readFileSync(join(WORKSPACE, 'LICENSE'), 'utf8'),
    );
    if (name === '@rnn/core') expect(files).toContain('corpus/harbour-tales.txt');
  });

  it('declares exports (types, import, default), main, engines, repository, keywords and no side effects', () => {
    const json = manifest(name);
    const targets: string[] = [json.main, json.types];
    for (const [subpath, conditions] of Object.entries(json.exports)) {
      if (subpath === './package.json') continue;
      // `types` first: TypeScript takes the first condition that matches.
      expect(Object.keys(conditions as object), subpath).toEqual(['types', 'import', 'default']);
      targets.push(...Object.values(conditions as Record<string, string>));
    }
    for (const target of targets) expect(existsSync(installed(name, target)), target).toBe(true);
    expect(json.license).toBe('MIT');
    expect(json.sideEffects).toBe(false);
    expect(json.engines).toEqual({ node: '>=20.19' });
    expect(json.repository).toEqual({ ...root.repository, directory: FOLDERS[name] });
    expect(json.keywords.length).toBeGreaterThan(3);
    expect(JSON.stringify(json)).not.toContain('workspace:');
    expect(json.scripts?.prepack).toBeUndefined(); // pnpm strips publish-lifecycle scripts from what it packs
  });

  it('maps its declarations and code to TypeScript sources that ship with it (go to definition reaches code)', () => {
    for (const map of ['dist/index.d.ts.map', 'dist/index.js.map']) {
      const { sources } = JSON.parse(readFileSync(installed(name, map), 'utf8')) as { sources: string[] };
      for (const source of sources) {
        expect(existsSync(join(dirname(installed(name, map)), source)), `${map} → ${source}`).toBe(true);
      }
    }
  });
});

describe.each([...PACKAGES, CLI] as const)('the README of %s', (name) => {
  it('has links that work on a registry page: absolute, or to a file inside the package', () => {
    const repository = String(root.repository.url)
      .replace(/^git\+/, '')
      .replace(/\.git$/, '');
    const links = readmeLinks(readFileSync(installed(name, 'README.md'), 'utf8'));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      if (link.startsWith(`${repository}/`)) {
        // A file or folder of the repository at main: it must exist in this checkout.
        const path = /^\/(?:blob|tree)\/main\/([^#?]*)/.exec(link.slice(repository.length))?.[1];
        if (path !== undefined) expect(existsSync(join(WORKSPACE, path)), link).toBe(true);
      } else if (!/^https:\/\//.test(link)) {
        const path = link.replace(/[#?].*$/, '').replace(/^\.\//, '');
        const inside = link.startsWith('#') || packed[name].files.includes(path);
        expect(inside, `${link}: not in the package`).toBe(true);
      }
    }
  });
});
