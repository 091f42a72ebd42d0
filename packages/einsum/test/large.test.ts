// Large operands: the paths small random cases never reach (tiled copies, SIMD gemm, long broadcast loops).

import { describe, expect, it } from 'vitest';
import { compile, einsum, Tensor } from '../src/index.js';
import { naiveEinsum } from './naive.js';

/** Small integers from a fixed linear congruential sequence: every sum below is exact in float64. */
function integers(shape: readonly number[], seed: number): Tensor {
  let state = seed;
  const data = Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => {
    state = (Math.imul(state, 1103515245) + 12345) | 0;
    return ((state >>> 16) % 9) - 4;
  });
  return new Tensor(data, shape);
}

/** [subscripts, shapes]: sides ≥ 64 so that copies tile and products leave the small-matrix JS path. */
const CASES: readonly (readonly [string, number[][]])[] = [
  ['ij->ji', [[70, 66]]],
  ['aij->jia', [[2, 67, 65]]],
  ['ij->j', [[70, 65]]],
  ['ijk->ki', [[3, 64, 66]]],
  ['ii->i', [[80, 80]]],
  [
    'ij,jk->ik',
    [
      [40, 70],
      [70, 33],
    ],
  ],
  [
    'ji,jk->ki',
    [
      [70, 40],
      [70, 33],
    ],
  ],
  [
    'bij,bkj->bik',
    [
      [3, 20, 30],
      [3, 25, 30],
    ],
  ],
  [
    'ti,tj->ij',
    [
      [25, 100],
      [25, 100],
    ],
  ],
  [
    'hk,tk->th',
    [
      [100, 65],
      [25, 65],
    ],
  ],
  ['i,j->ij', [[100], [90]]],
  ['ij,j->ji', [[70, 66], [66]]],
  [
    'ij,ij->ij',
    [
      [70, 66],
      [70, 66],
    ],
  ],
];

/** The values, with -0 read as 0 (a lone product may be -0 where the oracle's sum from 0 gives +0). */
const values = (t: Tensor) => [...t.toFlat()].map((v) => v + 0);

describe('large operands', () => {
  it.each(CASES)("'%s' on shapes %j equals the naive sum, by einsum and by compile", (subscripts, shapes) => {
    const operands = shapes.map((shape, k) => integers(shape, 17 + k));
    const expected = naiveEinsum(subscripts, operands);
    const result = einsum(subscripts, ...operands);
    expect(result.shape).toEqual(expected.shape);
    expect(values(result)).toEqual(expected.values);
    const viaViews = einsum(subscripts, ...operands.map((t) => t.transpose().transpose()));
    expect(values(viaViews)).toEqual(expected.values);
    expect(values(compile(subscripts, shapes)(...operands))).toEqual(expected.values);
  });

  it('reads transposed views of large operands in place', () => {
    const a = integers([64, 72], 3);
    const b = integers([72, 80], 5);
    const expected = naiveEinsum('ij,jk->ik', [a, b]).values;
    const aT = new Tensor(a.transpose().toFlat(), [72, 64]).transpose();
    expect(values(einsum('ij,jk->ik', aT, b))).toEqual(expected);
  });
});
