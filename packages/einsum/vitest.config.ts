// Vitest for this package: every test on the default backend, and the oracle suite again on the JS kernels.
import { defineConfig } from 'vitest/config';

/** The tests that compare results with an oracle: they must hold on either backend. */
const ORACLE_SUITE = [
  'test/einsum-oracle.test.ts',
  'test/large.test.ts',
  'test/float32.test.ts',
  'test/numpy-table.test.ts',
  'test/resident.test.ts',
  'test/backend.test.ts',
];

export default defineConfig({
  test: {
    // A property test runs hundreds of cases; `npm test` runs every package's tests at once on 2 cores, where
    // a case set that takes 2 s alone can take 10 s or more. The limit is there to catch hangs, not to time.
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'wasm-simd', include: ['test/**/*.test.ts'] } },
      // RNN_EINSUM_BACKEND=js, as a user would set it: the package then runs its JS kernels only
      { extends: true, test: { name: 'js', include: ORACLE_SUITE, env: { RNN_EINSUM_BACKEND: 'js' } } },
    ],
  },
});
