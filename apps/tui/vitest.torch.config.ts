// Vitest for `npm run test:torch`: the round trip through real PyTorch (Debian's python3-torch), run apart from
// `npm test` because it needs torch; scripts/test-torch.mjs installs it and builds first.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/torch/**/*.torch.ts'],
    // One file at a time: DDP runs two processes, and the literal gradients are large products.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
