// Vitest for @rnn/tui: unit and component tests, plus the built bin spawned as a process.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
