// One-shot einsum returns a view when it only permutes or takes a diagonal (as numpy does); compile never does.

import { describe, expect, it } from 'vitest';
import { arena, compile, einsum, memoryStats, Tensor, tensor } from '../src/index.js';
import { naiveEinsum } from './naive.js';
import { prop } from './property.js';
import { randomCase } from './random-equation.js';

const counting = (...shape: number[]) =>
  new Tensor(
    Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i),
    shape,
  );

describe('one-shot views', () => {
  it('a permutation, a diagonal or the identity shares the operand’s data', () => {
    const a = counting(2, 3, 4);
    const t = einsum('ijk->kij', a);
    expect(t.data).toBe(a.data);
    expect(t.shape).toEqual([4, 2, 3]);
    expect(t.at(3, 1, 2)).toBe(a.at(1, 2, 3));
    const square = counting(3, 3);
    const diagonal = einsum('ii->i', square);
    expect(diagonal.data).toBe(square.data);
    expect(diagonal.toArray()).toEqual([0, 4, 8]);
    expect(einsum('ij', square).data).toBe(square.data);
    expect(einsum('...ij->...ji', a).shape).toEqual([2, 4, 3]);
    expect(einsum('i...->...i', a).data).toBe(a.data);
    // a label of size 1 that the output drops leaves a view too: its sum has one term
    expect(einsum('aij->ji', counting(1, 2, 3)).toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
  });

  it('writing through the view changes the operand, as in numpy', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    const t = einsum('ij->ji', a);
    const [rowStride = 0] = t.strides;
    t.data[t.offset + rowStride] = 20; // t[1, 0] is a[0, 1]
    expect(a.at(0, 1)).toBe(20);
  });

  it('is costless: no copy, however large', () => {
    const a = tensor(new Float64Array(1000 * 1000), [1000, 1000]);
    const before = memoryStats().copies;
    expect(einsum('ij->ji', a).data).toBe(a.data);
    expect(memoryStats().copies).toBe(before);
  });

  it('a sum, a written diagonal or two operands still make a new tensor', () => {
    const square = counting(3, 3);
    expect(einsum('ij->i', square).data).not.toBe(square.data);
    expect(einsum('i->ii', tensor([1, 2])).toArray()).toEqual([
      [1, 0],
      [0, 2],
    ]);
    expect(einsum('ij,->ji', square, 1).data).not.toBe(square.data);
    // a label of size 0 summed away gives zeros, not a view
    expect(einsum('aij->ji', counting(0, 2, 3)).toArray()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('a view of a resident tensor stays resident', () => {
    const a = arena();
    const W = a.tensor(counting(2, 3));
    const t = einsum('ij->ji', W);
    expect(t.byteOffset).toBe(W.byteOffset);
    expect(t.data.buffer).toBe(a.memory.buffer);
    a.release();
  });

  it('compiled expressions write their own output, never a view', () => {
    const a = counting(2, 3);
    const transpose = compile('ij->ji', [[2, 3]]);
    const t = transpose(a);
    expect(t.data).not.toBe(a.data);
    expect(t.isContiguous()).toBe(true);
    expect(t.toArray()).toEqual(einsum('ij->ji', a).toArray());
  });

  prop([randomCase], { numRuns: 300 })(
    'a one-operand einsum, view or not, equals the naive sum',
    ({ subscripts, operands }) => {
      if (operands.length !== 1) return;
      const result = einsum(subscripts, ...operands);
      const expected = naiveEinsum(subscripts, operands);
      expect(result.shape).toEqual(expected.shape);
      expect([...result.toFlat()].map((v) => v + 0)).toEqual(expected.values.map((v) => v + 0));
    },
  );
});
