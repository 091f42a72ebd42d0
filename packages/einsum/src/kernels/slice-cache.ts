// Remembers the last subarray view it made, so that a hot loop copying the same slices allocates nothing.

/**
 * Returns `array.subarray(start, end)`, reusing the previous view when asked for the same slice again (and the
 * array itself when the slice is all of it). Holds a reference to the last array only.
 *
 * @example
 * const slices = new SliceCache();
 * slices.get(data, 4, 8) === slices.get(data, 4, 8); // true: no second allocation
 */
export class SliceCache {
  private array: Float64Array | undefined;
  private start = 0;
  private end = 0;
  private view: Float64Array | undefined;

  get(array: Float64Array, start: number, end: number): Float64Array {
    if (start === 0 && end === array.length) return array;
    if (array !== this.array || start !== this.start || end !== this.end || this.view === undefined) {
      this.array = array;
      this.start = start;
      this.end = end;
      this.view = array.subarray(start, end);
    }
    return this.view;
  }
}
