// `pnpm serve`: serves the built site on http://127.0.0.1:4173 (or the port given as the first argument).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDirectory } from './static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '.vitepress', 'dist');
if (!existsSync(join(root, 'index.html'))) {
  console.error(`No built site in ${root}: run the build first (npx pnpm@12.4.2 --filter @rnn/docs build).`);
  process.exit(1);
}
const site = await serveDirectory(root, Number(process.argv[2] ?? 4173));
console.log(`Serving ${root} at ${site.url}/ (Ctrl-C stops).`);
