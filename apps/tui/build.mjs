// Bundles the `rnn` CLI and its training worker with esbuild into dist/ (ESM, shebang), and copies the
// shipped corpus and the Python files of `rnn export --format torch` next to them, so that the bundled CLI finds
// them wherever it is installed.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const { DEFAULT_CORPUS_PATH, PYTHON_DIRECTORY, TORCH_EXPORT_FILES } = await import('@rnn/core/node');
const corpusName = basename(DEFAULT_CORPUS_PATH);

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: { cli: join(here, 'src/cli.ts'), worker: join(here, 'src/worker/train-worker.ts') },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks stay beside cli.js: the code resolves ./worker.js and ./corpus/ from its own URL.
  chunkNames: '[name]-[hash]',
  jsx: 'automatic',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Ink only loads react-devtools-core when DEV=true; it is not installed and never needed at run time.
  external: ['react-devtools-core'],
  define: {
    __RNN_VERSION__: JSON.stringify(version),
    __RNN_CORPUS__: JSON.stringify(corpusName),
    'process.env.NODE_ENV': '"production"',
  },
  banner: {
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __rnnCreateRequire } from 'node:module';",
      'const require = __rnnCreateRequire(import.meta.url);',
    ].join('\n'),
  },
});
chmodSync(join(dist, 'cli.js'), 0o755);
// Beside the bundle, where @rnn/core's DEFAULT_CORPUS_PATH also looks once inlined.
copyFileSync(DEFAULT_CORPUS_PATH, join(dist, corpusName));
// The Python files of `rnn export --format torch`, in python/ beside the bundle, where @rnn/core looks second.
mkdirSync(join(dist, 'python'));
for (const name of TORCH_EXPORT_FILES.filter((file) => file.endsWith('.py'))) {
  copyFileSync(join(PYTHON_DIRECTORY, name), join(dist, 'python', name));
}
console.log(`built dist/cli.js and dist/worker.js (rnn ${version}), corpus ${corpusName}`);
