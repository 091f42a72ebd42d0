// Vitest for the consumer test: one global setup packs and installs; the files then share that project.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup.ts'],
    // Spawned installs, compilers and a browser on a loaded 2-core machine: generous, never a timing assertion.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
