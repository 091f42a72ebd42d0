// SliceCache: the subarray views that the WebAssembly path copies through are reused, never stale.
import { describe, expect, it } from 'vitest';
import { SliceCache } from '../src/kernels/slice-cache.js';

describe('SliceCache', () => {
  it('returns the same view for the same slice, so a hot loop allocates nothing', () => {
    const cache = new SliceCache();
    const data = new Float64Array([1, 2, 3, 4, 5]);
    const first = cache.get(data, 1, 4);
    expect([...first]).toEqual([2, 3, 4]);
    expect(cache.get(data, 1, 4)).toBe(first);
  });

  it('returns the array itself for the whole array, and a fresh view when the array or bounds change', () => {
    const cache = new SliceCache();
    const data = new Float64Array([1, 2, 3]);
    expect(cache.get(data, 0, 3)).toBe(data);
    const view = cache.get(data, 0, 2);
    expect([...cache.get(data, 1, 3)]).toEqual([2, 3]);
    const other = new Float64Array([7, 8, 9]);
    expect([...cache.get(other, 0, 2)]).toEqual([7, 8]);
    expect(cache.get(data, 0, 2)).toBe(view); // still remembered after other slices
  });

  it('keeps the last `capacity` views and rebuilds older ones with the right contents', () => {
    const cache = new SliceCache(2);
    const data = new Float64Array([1, 2, 3, 4]);
    const first = cache.get(data, 0, 1);
    cache.get(data, 1, 2);
    cache.get(data, 2, 3); // replaces the first entry
    const again = cache.get(data, 0, 1);
    expect(again).not.toBe(first);
    expect([...again]).toEqual([1]);
  });
});
