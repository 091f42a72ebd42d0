// Remembers the last few subarray views it made, so that a hot loop copying the same slices allocates nothing.

import type { FloatArray } from '../tensor/dtype.js';

/**
 * Returns `array.subarray(start, end)`, reusing a view made earlier for the same array and bounds (and the
 * array itself when the slice is all of it). Keeps the last `capacity` views, replaced in turn, so a loop that
 * alternates between a few operands stays allocation-free; it holds references to at most `capacity` arrays.
 *
 * @example
 * const slices = new SliceCache();
 * slices.get(data, 4, 8) === slices.get(data, 4, 8); // true: no second allocation
 */
export class SliceCache {
  private readonly arrays: (FloatArray | undefined)[];
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly views: (FloatArray | undefined)[];
  private next = 0;

  constructor(private readonly capacity = 8) {
    this.arrays = new Array<FloatArray | undefined>(capacity).fill(undefined);
    this.views = new Array<FloatArray | undefined>(capacity).fill(undefined);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  get<A extends FloatArray>(array: A, start: number, end: number): A {
    if (start === 0 && end === array.length) return array;
    for (let i = 0; i < this.capacity; i++) {
      const view = this.views[i];
      if (
        view !== undefined &&
        this.arrays[i] === array &&
        this.starts[i] === start &&
        this.ends[i] === end
      ) {
        return view as A;
      }
    }
    const view = array.subarray(start, end) as A;
    const slot = this.next;
    this.next = (slot + 1) % this.capacity;
    this.arrays[slot] = array;
    this.starts[slot] = start;
    this.ends[slot] = end;
    this.views[slot] = view;
    return view;
  }
}
