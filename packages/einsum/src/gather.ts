// gather: copies any strided tensor into a row-major array, one contiguous run at a time.

/** Copies the elements of (data, offset, shape, strides) row-major into `out` (length ≥ the element count). */
export function gather(
  data: Float64Array,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  out: Float64Array,
): void {
  const rank = shape.length;
  let count = 1;
  for (const size of shape) count *= size;
  if (count === 0) return;
  if (rank === 0) {
    out[0] = data[offset] as number;
    return;
  }
  const inner = rank - 1;
  const n = shape[inner] as number;
  const step = strides[inner] as number;
  const index = new Array<number>(rank).fill(0);
  let position = offset;
  for (let row = 0, q = 0; row < count / n; row++) {
    for (let i = 0, p = position; i < n; i++, p += step) out[q++] = data[p] as number;
    for (let axis = inner - 1; axis >= 0; axis--) {
      const stride = strides[axis] as number;
      const next = (index[axis] as number) + 1;
      position += stride;
      if (next < (shape[axis] as number)) {
        index[axis] = next;
        break;
      }
      index[axis] = 0;
      position -= next * stride;
    }
  }
}
