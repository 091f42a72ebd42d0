// Tensor and tensor(): construction from every accepted input, views that share storage, conversions.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../src/index.js';
import { prop } from './property.js';

const shapes = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });
const counting = (shape: readonly number[]) =>
  new Tensor(
    Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i),
    shape,
  );

describe('tensor()', () => {
  it('reads numbers, nested arrays and typed arrays', () => {
    expect(tensor(7).shape).toEqual([]);
    expect(tensor(7).toArray()).toBe(7);
    expect(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]).shape,
    ).toEqual([2, 3]);
    expect(tensor(new Float32Array([1, 2, 3, 4]), [2, 2]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor(new Int32Array([1, 2, 3])).shape).toEqual([3]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
    expect(tensor([Number.NaN, Number.POSITIVE_INFINITY]).toArray()).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it('copies its input: later changes to the source do not leak in', () => {
    const source = new Float64Array([1, 2]);
    const t = tensor(source);
    source[0] = 9;
    expect(t.toArray()).toEqual([1, 2]);
  });

  prop([shapes])('toArray then tensor() is the identity', (shape) => {
    const t = counting(shape);
    const back = tensor(t.toArray() as number[]);
    expect(back.shape).toEqual(shape);
    expect(back.toFlat()).toEqual(t.toFlat());
  });
});

describe('Tensor views', () => {
  prop([shapes])('transpose of transpose is the tensor, without copying', (shape) => {
    const t = counting(shape);
    const twice = t.transpose().transpose();
    expect(twice.data).toBe(t.data);
    expect(twice.toFlat()).toEqual(t.toFlat());
  });

  prop([
    shapes.chain((s) =>
      fc.tuple(fc.constant(s), fc.shuffledSubarray([...s.keys()], { minLength: s.length })),
    ),
  ])('permute moves element at index i to index permuted(i)', ([shape, axes]) => {
    const t = counting(shape);
    const p = t.permute(axes);
    expect(p.data).toBe(t.data);
    const index = shape.map((size) => size - 1);
    expect(p.at(...axes.map((axis) => index[axis] as number))).toBe(t.at(...index));
    // contiguous exactly when the axes longer than 1 keep their order
    const long = axes.filter((axis) => (shape[axis] as number) > 1);
    expect(p.isContiguous()).toBe(long.every((axis, i) => i === 0 || axis > (long[i - 1] as number)));
  });

  it('diagonal is a view of the equal-sized axes, appended last as numpy does', () => {
    const t = counting([3, 2, 3]);
    const d = t.diagonal(0, 2);
    expect(d.shape).toEqual([2, 3]);
    expect(d.data).toBe(t.data);
    expect(d.toArray()).toEqual([
      [0, 7, 14],
      [3, 10, 17],
    ]);
  });

  it('toFlat copies a view row-major; toString shows shape and values', () => {
    const t = counting([2, 3]).transpose();
    expect([...t.toFlat()]).toEqual([0, 3, 1, 4, 2, 5]);
    expect(String(t)).toBe('Tensor[3, 2] [[0,3],[1,4],[2,5]]');
  });

  it('rejects storage too short for the shape and strides', () => {
    expect(() => new Tensor(new Float64Array(5), [2, 3])).toThrow(/needs 6 elements/);
    expect(() => new Tensor(new Float64Array(6), [2, 3], [3, 1], 1)).toThrow(/needs 7 elements/);
  });
});
