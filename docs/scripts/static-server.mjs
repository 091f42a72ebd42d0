// Serves the built site with sirv (a maintained static-file handler) on node:http, bound to 127.0.0.1 only
// (used by `serve` and the browser test; `vitepress preview` would listen on every interface).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

/**
 * Serves the directory `root` on 127.0.0.1 (port 0 picks a free one) the way a static host serves VitePress:
 * `/a/` → `/a/index.html`, `/a` → `/a.html`; anything else gets the site's 404.html with status 404. Assets carry
 * a content hash in their names, so they may be cached for good; pages may not.
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
  const notFound = readFileSync(join(root, '404.html'));
  const files = sirv(root, {
    etag: true,
    setHeaders: (response, pathname) =>
      response.setHeader(
        'cache-control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
    onNoMatch: (_request, response) => {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      response.end(notFound);
    },
  });
  const server = createServer((request, response) => files(request, response));
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
