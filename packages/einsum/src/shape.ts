// Shapes and strides: validation, element counts and row-major strides.

import { EinsumError } from './errors.js';

/** The largest element count of one tensor (Float64Array's practical limit on 64-bit engines). */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/** Checks that `shape` is an array of non-negative safe integers; `what` names it in the error. */
export function checkShape(shape: unknown, what: string): readonly number[] {
  if (!Array.isArray(shape)) {
    throw new EinsumError(
      'bad-shape',
      `${what} must be an array of non-negative integers, got ${describe(shape)}`,
    );
  }
  for (let axis = 0; axis < shape.length; axis++) {
    const size: unknown = shape[axis];
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
      throw new EinsumError(
        'bad-shape',
        `${what} has ${describe(size)} at axis ${axis}; sizes must be non-negative integers`,
      );
    }
  }
  const count = sizeOf(shape as readonly number[]);
  if (count > MAX_ELEMENTS) {
    throw new EinsumError(
      'too-large',
      `${what} [${shape.join(', ')}] has ${count} elements, over ${MAX_ELEMENTS}`,
    );
  }
  return shape as readonly number[];
}

/** The number of elements of a tensor of this shape (1 for the 0-d shape []). */
export function sizeOf(shape: readonly number[]): number {
  let count = 1;
  for (const size of shape) count *= size;
  return count;
}

/** The strides (in elements) of a contiguous row-major tensor of this shape. */
export function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis] ?? 1;
  }
  return strides;
}

/** True when the two shapes have the same rank and sizes. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let axis = 0; axis < a.length; axis++) if (a[axis] !== b[axis]) return false;
  return true;
}

/** A short, safe description of any value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'function') return 'a function';
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof name !== 'string' || name === '') return 'an object';
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}
