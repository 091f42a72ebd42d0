// The browser tests need the built site and Chromium; the crawl visits every page once, so it gets a generous
// timeout. Files run one after another: each browser test starts its own Chromium, and on two cores the crawl
// would otherwise compete with the trainer test, whose frames must keep coming while a worker trains.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
