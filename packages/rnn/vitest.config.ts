// Vitest for this package: property tests whose cost depends on how many packages turbo tests at once.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A property test runs hundreds of cases; `npm test` runs every package's tests at once on 2 cores, where
    // a case set that takes 2 s alone can take 10 s or more. The limit is there to catch hangs, not to time.
    testTimeout: 60_000,
  },
});
