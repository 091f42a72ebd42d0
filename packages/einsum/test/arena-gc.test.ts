// An arena that becomes garbage gives its kernel memory back, without release().

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('Arena and the garbage collector', () => {
  it('gives the memory of an arena that became garbage back to the heap', () => {
    // A child process with --expose-gc, so that the collection (and the finalizer after it) happens on demand.
    const script = `
      import { arena, memoryStats } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
      const kept = arena({ reserve: 1 << 20 });
      const base = memoryStats().usedBytes;
      (() => { for (let i = 0; i < 8; i++) arena({ reserve: 1 << 20 }).zeros([1000]); })();
      const taken = memoryStats().usedBytes - base;
      for (let i = 0; i < 20 && memoryStats().usedBytes > base; i++) {
        globalThis.gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      console.log(JSON.stringify({ taken, left: memoryStats().usedBytes - base, kept: kept.tensor([1, 2]).data[1] }));`;
    const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    const { taken, left, kept } = JSON.parse(out);
    expect(taken).toBeGreaterThanOrEqual(8 << 20);
    expect(left).toBe(0); // all eight returned
    expect(kept).toBe(2); // the arena still referenced kept its memory, and works
  });
});
