// gather: copies any strided tensor into a row-major array, through the planned strided copy.

import { type Loop, StridedCopy } from '../kernels/copy.js';
import { rowMajorStrides } from '../shape.js';
import type { FloatArray } from './dtype.js';

/**
 * The copy that gathers a tensor of this shape and these strides row-major into a contiguous array: plan it
 * once and run it on any storage with that layout.
 *
 * @example
 * ```ts
 * gatherPlan([2, 3], [1, 2]).run(source, 0, out, 0); // out: the transpose of source's 3×2, row-major
 * ```
 */
export function gatherPlan(shape: readonly number[], strides: readonly number[]): StridedCopy {
  const target = rowMajorStrides(shape);
  const loops: Loop[] = shape.map((size, axis) => ({
    size,
    sourceStride: strides[axis] as number,
    targetStride: target[axis] as number,
  }));
  return new StridedCopy(loops);
}

/** Copies the elements of (data, offset, shape, strides) row-major into `out` (length ≥ the element count). */
export function gather(
  data: FloatArray,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  out: FloatArray,
): void {
  if (shape.includes(0)) return;
  gatherPlan(shape, strides).run(data, offset, out, 0);
}
