// The browser test needs the built site and Chromium; it visits every page once, so it gets a generous timeout.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
