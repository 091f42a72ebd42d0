// `pnpm bench`: the playground's measurements (not tests: nothing here asserts a timing), run on the built site.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/**/*.measure.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
