// The site's static server: clean URLs as a static host resolves them, the 404 page, caching, 127.0.0.1 only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_ROOT } from '../lib/repo.js';
import { serveDirectory } from '../scripts/static-server.mjs';

const SITE = join(DOCS_ROOT, '.vitepress', 'dist');
let site: { url: string; close: () => Promise<void> } | undefined;

beforeAll(async () => {
  if (!existsSync(join(SITE, 'index.html')))
    throw new Error(`No built site in ${SITE}: run the build first.`);
  site = await serveDirectory(SITE);
});

afterAll(async () => {
  await site?.close();
});

const get = (path: string) => fetch(`${site?.url}${path}`);

describe('serveDirectory', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(site?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves pages at their clean URLs, folders at their index, and never caches a page', async () => {
    for (const path of ['/', '/derivation/', '/guide/einsum', '/guide/einsum.html']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it("answers a missing page or asset with the site's 404 page", async () => {
    for (const path of ['/no-such-page', '/guide/no-such-page.html', '/assets/no-such-file.js']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain('<html');
    }
  });

  it('lets a browser keep the hashed assets for good', async () => {
    const page = await (await get('/')).text();
    const asset = /\/assets\/[\w.-]+\.js/.exec(page)?.[0] ?? '';
    const response = await get(asset);
    expect(response.status, asset).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
