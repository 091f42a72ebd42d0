// A tiny static file server for the built site, bound to 127.0.0.1 only (used by `serve` and the browser test).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Resolves a URL path to a file under `root` the way a static host does for VitePress: `/a/` → `/a/index.html`,
 * `/a` → `/a.html` when that exists. Returns undefined for anything outside `root` or missing.
 * @param {string} root
 * @param {string} urlPath
 * @returns {string | undefined}
 */
function resolveFile(root, urlPath) {
  const clean = normalize(decodeURIComponent(urlPath.split('?')[0] ?? '/'));
  const candidates = clean.endsWith('/')
    ? [join(clean, 'index.html')]
    : [clean, `${clean}.html`, join(clean, 'index.html')];
  for (const candidate of candidates) {
    const file = join(root, candidate);
    if (!file.startsWith(root + sep) && file !== root) continue;
    try {
      if (statSync(file).isFile()) return file;
    } catch {}
  }
  return undefined;
}

/**
 * Serves the directory `root` on 127.0.0.1 (port 0 picks a free one). Missing files get the site's 404.html.
 *
 * @example
 * const site = await serveDirectory('docs/.vitepress/dist');
 * console.log(site.url); // http://127.0.0.1:40123
 * await site.close();
 * @param {string} root
 * @param {number} [port]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serveDirectory(root, port = 0) {
  const server = createServer((request, response) => {
    const file = resolveFile(root, request.url ?? '/');
    const status = file ? 200 : 404;
    const body = file ?? resolveFile(root, '/404.html');
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[/** @type {keyof TYPES} */ (extname(body))] ?? 'application/octet-stream';
    // VitePress puts a content hash in every asset's name, so assets may be cached; pages may not.
    const cache = body.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    response.writeHead(status, { 'content-type': type, 'cache-control': cache });
    createReadStream(body).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
