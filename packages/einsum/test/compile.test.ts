// compile() and einsum(): operand kinds, views, into(), and results that never alias a program's buffers.

import { describe, expect, it } from 'vitest';
import { compile, einsum, Tensor, tensor } from '../src/index.js';

describe('compile', () => {
  const a = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = tensor([
    [1, 0],
    [0, 1],
    [2, 2],
  ]);

  it('accepts Tensors and Float64Arrays of the compiled shapes', () => {
    const matmul = compile('ij,jk->ik', [a.shape, b.shape]);
    const expected = [
      [7, 8],
      [16, 17],
    ];
    expect(matmul(a, b).toArray()).toEqual(expected);
    expect(matmul(a.toFlat(), b.toFlat()).toArray()).toEqual(expected);
    expect(matmul.outputShape).toEqual([2, 2]);
  });

  it('copies non-contiguous views into a staging buffer, on every call', () => {
    const expr = compile('ji,jk->ik', [
      [3, 2],
      [3, 2],
    ]);
    const view = a.transpose();
    expect(expr(view, b).toArray()).toEqual(einsum('ij,jk->ik', a, b).toArray());
    const other = tensor([
      [0, 1, 0],
      [1, 0, 0],
    ]).transpose();
    expect(expr(other, b).toArray()).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('into() writes into the given output and returns it', () => {
    const matmul = compile('ij,jk->ik', [a.shape, b.shape]);
    const out = new Tensor(new Float64Array(4).fill(Number.NaN), [2, 2]);
    expect(matmul.into(out, a, b)).toBe(out);
    expect(out.toArray()).toEqual(matmul(a, b).toArray());
    const raw = new Float64Array(4);
    expect(matmul.into(raw, a, b)).toBe(raw);
    expect([...raw]).toEqual([7, 8, 16, 17]);
  });

  it('returns a fresh tensor per call, never a buffer the next call overwrites', () => {
    const copy = compile('ij->ij', [[2, 3]]);
    const first = copy(a);
    const second = copy(
      tensor([
        [0, 0, 0],
        [0, 0, 0],
      ]),
    );
    expect(first.data).not.toBe(second.data);
    expect(first.data).not.toBe(a.data);
    expect(first.toArray()).toEqual(a.toArray());
  });

  it('gives 0-d results shape [] and reports its plan', () => {
    const dot = compile('i,i->', [[3], [3]]);
    const result = dot(tensor([1, 2, 3]), tensor([4, 5, 6]));
    expect(result.shape).toEqual([]);
    expect(result.toArray()).toBe(32);
    const chain = compile(
      'ij,jk,kl->il',
      [
        [2, 30],
        [30, 2],
        [2, 30],
      ],
      { optimize: 'optimal' },
    );
    expect(chain.info.path).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(String(chain.info)).toContain('ij,jk->ik');
  });

  it('leaves the output untouched when an operand is rejected', () => {
    const matmul = compile('ij,jk->ik', [a.shape, b.shape]);
    const out = new Float64Array(4).fill(-1);
    expect(() => matmul.into(out, a, a)).toThrow(/operand 1/);
    expect([...out]).toEqual([-1, -1, -1, -1]);
  });
});

describe('einsum operands and reused programs', () => {
  it('accepts numbers, nested arrays and typed arrays as operands', () => {
    expect(einsum(',i->i', 2, [1, 2]).toArray()).toEqual([2, 4]);
    expect(einsum('i,i', new Float32Array([1, 2]), new Int8Array([3, 4])).toArray()).toBe(11);
    expect(einsum('->', 5).shape).toEqual([]);
  });

  it('tells apart operands of one shape but different strides', () => {
    const square = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(einsum('ij->i', square).toArray()).toEqual([3, 7]);
    expect(einsum('ij->i', square.transpose()).toArray()).toEqual([4, 6]);
    expect(einsum('ij->i', square).toArray()).toEqual([3, 7]);
  });

  it('keeps the 64 most recent evaluations and plans again, correctly, for one it dropped', () => {
    const first = einsum('ij,j->i', [[1, 2]], [3, 4]).toArray();
    for (let n = 1; n <= 80; n++) einsum('i,i->', new Float64Array(n), new Float64Array(n));
    expect(einsum('ij,j->i', [[1, 2]], [3, 4]).toArray()).toEqual(first);
    expect(einsum('i,i->', [1, 2, 3], [1, 1, 1]).toArray()).toBe(6);
  });

  it('returns a fresh result per call even when the program is reused', () => {
    const first = einsum('i,j->ij', [1, 2], [3, 4]);
    const second = einsum('i,j->ij', [5, 6], [7, 8]);
    expect(first.toArray()).toEqual([
      [3, 4],
      [6, 8],
    ]);
    expect(second.data).not.toBe(first.data);
  });
});
