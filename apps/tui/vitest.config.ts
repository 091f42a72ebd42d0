// Vitest for @rnn/tui: unit and component tests, plus the built bin spawned as a process.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Most test time is spent waiting on spawned CLIs and a terminal: run four files at once, even on 2 cores.
    maxWorkers: 4,
    // Generous: a loaded 2-core machine runs a spawned CLI several times slower than an idle one.
    testTimeout: 30000,
    hookTimeout: 20000,
  },
});
