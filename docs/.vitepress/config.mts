// The site's configuration: pages, sidebar (with the generated API reference), math, and the build checks.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CORPUS_PATH } from '@rnn/core/node';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { checkEquations } from '../lib/check-site.js';
import { DOCS_ROOT } from '../lib/repo.js';
import { numberedEquations } from './numbered-equations.js';
import { regionSnippets } from './region-snippets.js';

/** The sidebar typedoc-vitepress-theme writes beside the API pages (the build runs typedoc first). */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = join(DOCS_ROOT, 'api', 'typedoc-sidebar.json');
  if (!existsSync(file)) {
    throw new Error(
      `${file} does not exist: run typedoc first (the build script "typedoc && vitepress build").`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[];
}

/** The pages that run the libraries in the browser: in the nav bar and in the sidebar. */
const playground = [
  { text: 'Einsum explorer', link: '/playground/einsum' },
  { text: 'Train in the page', link: '/playground/train' },
  { text: 'Gradient check', link: '/playground/gradcheck' },
];

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: 'The derivation',
    items: [
      { text: 'Model, loss and index notation', link: '/derivation/' },
      { text: 'Output weights V: (7)–(14)', link: '/derivation/output-weights' },
      { text: 'Recurrent weights W: (15)–(21)', link: '/derivation/recurrent-weights' },
      { text: 'Input weights U: (22)–(24)', link: '/derivation/input-weights' },
      { text: 'The total gradient', link: '/derivation/total-gradient' },
      { text: 'Vanishing gradient of (20)', link: '/derivation/vanishing-gradient' },
      { text: 'Reading the source note', link: '/derivation/source-note' },
      { text: 'Verification', link: '/derivation/verification' },
    ],
  },
  { text: 'Playground', items: playground },
  {
    text: 'Guides',
    items: [
      { text: 'Installation', link: '/guide/installation' },
      { text: 'Einsum', link: '/guide/einsum' },
      { text: 'From numpy and opt_einsum', link: '/guide/numpy' },
      { text: 'The trainer', link: '/guide/trainer' },
      { text: 'Leaving one machine', link: '/guide/leaving-one-machine' },
      { text: 'Benchmarks', link: '/benchmarks' },
    ],
  },
];

export default defineConfig({
  title: 'RNN from einsum',
  description: 'The gradients of a vanilla RNN derived, written as einsum contractions, and checked.',
  lang: 'en',
  srcExclude: ['README.md', 'test-output/**'],
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  markdown: {
    math: true,
    // No `{attr}` syntax: the generated API pages quote index notation such as s_{r−1}, which it would eat.
    attrs: { disable: true },
    config(md) {
      md.use(numberedEquations);
      md.use(regionSnippets);
    },
  },
  themeConfig: {
    nav: [
      { text: 'Derivation', link: '/derivation/' },
      { text: 'Playground', items: playground },
      { text: 'Install', link: '/guide/installation' },
      { text: 'Einsum', link: '/guide/einsum' },
      { text: 'Trainer', link: '/guide/trainer' },
      { text: 'Benchmarks', link: '/benchmarks' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      '/api/': [{ text: 'API reference', link: '/api/', items: apiSidebar() }],
      '/': guide,
    },
    outline: { level: [2, 3] },
    search: { provider: 'local' },
  },
  vite: {
    resolve: {
      // The trainer page serves the corpus `rnn train` uses, the file itself, hashed into assets/ by Vite.
      alias: [{ find: /^#shipped-corpus(?=\?|$)/, replacement: DEFAULT_CORPUS_PATH }],
    },
    // The trainer's worker imports @rnn/core as a module, code-split like the pages.
    worker: { format: 'es' },
  },
  buildEnd(site) {
    checkEquations(site.outDir);
  },
});
