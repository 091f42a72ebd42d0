// Regression table: numpy.einsum's documented semantics, case by case, run against every planner.

import { describe, expect, it } from 'vitest';
import { compile, einsum, Tensor } from '../src/index.js';

/** Operand of this shape holding 1, 2, 3, … in row-major order (numpy's arange(1, n + 1).reshape(shape)). */
const counting = (shape: readonly number[]) =>
  new Tensor(
    Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i + 1),
    shape,
  );

/**
 * [subscripts, operand shapes, result shape, result values (row-major)]. Covers explicit and implicit output
 * (A–Z before a–z), traces, partial traces and diagonals, 0-d operands, '...' anywhere with right-aligned
 * broadcasting, size-1 broadcasting of labelled dimensions, empty dimensions, spaces, many operands. Values
 * cross-checked with numpy 2.4's einsum while writing the table; all are integers, so equality is exact.
 */
const NUMPY_TABLE: readonly (readonly [string, number[][], number[], number[]])[] = [
  [
    'ij,jk->ik',
    [
      [2, 3],
      [3, 2],
    ],
    [2, 2],
    [22, 28, 49, 64],
  ],
  [
    'ij,jk',
    [
      [2, 3],
      [3, 2],
    ],
    [2, 2],
    [22, 28, 49, 64],
  ],
  [
    'ij,jk->ki',
    [
      [2, 3],
      [3, 2],
    ],
    [2, 2],
    [22, 49, 28, 64],
  ],
  ['ij->ji', [[2, 3]], [3, 2], [1, 4, 2, 5, 3, 6]],
  ['ji', [[2, 3]], [3, 2], [1, 4, 2, 5, 3, 6]],
  ['ij', [[2, 3]], [2, 3], [1, 2, 3, 4, 5, 6]],
  [
    'Ba,ab',
    [
      [2, 3],
      [3, 2],
    ],
    [2, 2],
    [22, 28, 49, 64],
  ],
  [
    'bA,ab',
    [
      [2, 3],
      [3, 2],
    ],
    [3, 3],
    [9, 19, 29, 12, 26, 40, 15, 33, 51],
  ],
  ['zZ', [[2, 3]], [3, 2], [1, 4, 2, 5, 3, 6]],
  ['ii', [[3, 3]], [], [15]],
  ['ii->i', [[3, 3]], [3], [1, 5, 9]],
  ['iij->j', [[2, 2, 3]], [3], [11, 13, 15]],
  ['iji->j', [[2, 3, 2]], [3], [9, 13, 17]],
  ['iii->i', [[2, 2, 2]], [2], [1, 8]],
  ['ij->', [[2, 3]], [], [21]],
  ['ij->j', [[2, 3]], [3], [5, 7, 9]],
  ['i,i', [[3], [3]], [], [14]],
  ['i,i->i', [[3], [3]], [3], [1, 4, 9]],
  ['i,j', [[2], [3]], [2, 3], [1, 2, 3, 2, 4, 6]],
  ['i,j->ji', [[2], [3]], [3, 2], [1, 2, 2, 4, 3, 6]],
  ['->', [[]], [], [1]],
  [',->', [[], []], [], [1]],
  [',i->i', [[], [3]], [3], [1, 2, 3]],
  ['i,', [[2], []], [2], [1, 2]],
  ['', [[]], [], [1]],
  ['...', [[2, 3]], [2, 3], [1, 2, 3, 4, 5, 6]],
  ['...->', [[]], [], [1]],
  [
    '...ij,...jk',
    [
      [2, 2, 3],
      [3, 2],
    ],
    [2, 2, 2],
    [22, 28, 49, 64, 76, 100, 103, 136],
  ],
  [
    '...ij,...jk->...ik',
    [
      [2, 1, 2, 3],
      [3, 3, 2],
    ],
    [2, 3, 2, 2],
    [
      22, 28, 49, 64, 58, 64, 139, 154, 94, 100, 229, 244, 76, 100, 103, 136, 220, 244, 301, 334, 364, 388,
      499, 532,
    ],
  ],
  ['...i->...', [[2, 3]], [2], [6, 15]],
  ['i...->...', [[2, 3]], [3], [5, 7, 9]],
  ['i...->...i', [[2, 3, 2]], [3, 2, 2], [1, 7, 2, 8, 3, 9, 4, 10, 5, 11, 6, 12]],
  ['...ji', [[2, 2, 3]], [2, 3, 2], [1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12]],
  ['j...i', [[2, 2, 3]], [2, 3, 2], [1, 7, 2, 8, 3, 9, 4, 10, 5, 11, 6, 12]],
  ['a...b,...b', [[2, 3, 2], [2]], [3, 2], [5, 23, 11, 29, 17, 35]],
  ['...,...', [[2, 3], [3]], [2, 3], [1, 4, 9, 4, 10, 18]],
  [
    '...i,...i->...',
    [
      [2, 1, 3],
      [2, 3],
    ],
    [2, 2],
    [14, 32, 32, 77],
  ],
  [
    'i...,i...',
    [
      [2, 3],
      [2, 1],
    ],
    [3],
    [9, 12, 15],
  ],
  [
    'ij...,jk->ik...',
    [
      [2, 3, 2],
      [3, 2],
    ],
    [2, 2, 2],
    [35, 44, 44, 56, 89, 98, 116, 128],
  ],
  [
    'ij,jk->ik',
    [
      [2, 1],
      [3, 2],
    ],
    [2, 2],
    [9, 12, 18, 24],
  ],
  [
    'ij,jk->ik',
    [
      [2, 3],
      [1, 2],
    ],
    [2, 2],
    [6, 12, 15, 30],
  ],
  [
    'ij,ij->ij',
    [
      [2, 1],
      [1, 3],
    ],
    [2, 3],
    [1, 2, 3, 2, 4, 6],
  ],
  [
    'ij,jk->ik',
    [
      [2, 0],
      [0, 2],
    ],
    [2, 2],
    [0, 0, 0, 0],
  ],
  [
    'ij,jk->ik',
    [
      [2, 0],
      [1, 2],
    ],
    [2, 2],
    [0, 0, 0, 0],
  ],
  ['i->', [[0]], [], [0]],
  [
    ' i j , j k -> i k ',
    [
      [2, 3],
      [3, 2],
    ],
    [2, 2],
    [22, 28, 49, 64],
  ],
  [
    '... ij, jk',
    [
      [2, 3],
      [3, 2],
    ],
    [2, 2],
    [22, 28, 49, 64],
  ],
  [
    'bij,bjk->bik',
    [
      [2, 2, 3],
      [2, 3, 2],
    ],
    [2, 2, 2],
    [22, 28, 49, 64, 220, 244, 301, 334],
  ],
  [
    'ij,jk,kl->il',
    [
      [2, 3],
      [3, 2],
      [2, 2],
    ],
    [2, 2],
    [106, 156, 241, 354],
  ],
  [
    'ij,jk,kl,lm->im',
    [
      [2, 2],
      [2, 3],
      [3, 2],
      [2, 2],
    ],
    [2, 2],
    [588, 864, 1282, 1884],
  ],
  [
    'abc,cd,dbe->ae',
    [
      [2, 2, 2],
      [2, 3],
      [3, 2, 2],
    ],
    [2, 2],
    [806, 920, 1942, 2224],
  ],
  [
    'ea,fb,abcd,gc,hd->efgh',
    [
      [2, 2],
      [2, 2],
      [2, 2, 2, 2],
      [2, 2],
      [2, 2],
    ],
    [2, 2, 2, 2],
    [891, 2061, 2043, 4725, 2007, 4641, 4599, 10633, 1935, 4473, 4431, 10241, 4347, 10045, 9947, 22981],
  ],
  [
    'ii,jj->ij',
    [
      [2, 2],
      [3, 3],
    ],
    [2, 3],
    [1, 5, 9, 4, 20, 36],
  ],
  [
    'ij,ji->',
    [
      [2, 3],
      [3, 2],
    ],
    [],
    [86],
  ],
  [
    'ij,ij->',
    [
      [2, 3],
      [2, 3],
    ],
    [],
    [91],
  ],
  ['i,i,i->', [[3], [3], [3]], [], [36]],
  ['i,j,k->ijk', [[2], [2], [2]], [2, 2, 2], [1, 2, 2, 4, 2, 4, 4, 8]],
  [
    'ijk,jil->kl',
    [
      [2, 2, 3],
      [2, 2, 2],
    ],
    [3, 2],
    [112, 134, 128, 154, 144, 174],
  ],
  [
    'bhqd,bhkd->bhqk',
    [
      [1, 2, 2, 3],
      [1, 2, 2, 3],
    ],
    [1, 2, 2, 2],
    [14, 32, 32, 77, 194, 266, 266, 365],
  ],
  [
    'ti,tj->ij',
    [
      [3, 2],
      [3, 2],
    ],
    [2, 2],
    [35, 44, 44, 56],
  ],
  [
    'hk,tk->th',
    [
      [2, 3],
      [2, 3],
    ],
    [2, 2],
    [14, 32, 32, 77],
  ],
];

/** Beyond numpy: repeated output labels write a diagonal; an output without '...' sums the broadcast dims. */
const EXTENSIONS: readonly (readonly [string, number[][], number[], number[]])[] = [
  ['i->ii', [[3]], [3, 3], [1, 0, 0, 0, 2, 0, 0, 0, 3]],
  ['ii->ii', [[2, 2]], [2, 2], [1, 0, 0, 4]],
  ['ij->iji', [[2, 2]], [2, 2, 2], [1, 0, 2, 0, 0, 3, 0, 4]],
  [',i->ii', [[], [2]], [2, 2], [1, 0, 0, 2]],
  ['...i->i', [[2, 3]], [3], [5, 7, 9]],
  ['i...->', [[2, 2]], [], [10]],
];

describe('numpy compatibility', () => {
  it.each(NUMPY_TABLE)("einsum('%s') matches numpy for shapes %j", (subscripts, shapes, shape, values) => {
    const result = einsum(subscripts, ...shapes.map(counting));
    expect(result.shape).toEqual(shape);
    expect([...result.toFlat()]).toEqual(values);
  });

  it.each(NUMPY_TABLE)(
    "'%s' gives numpy's result with every planner",
    (subscripts, shapes, _shape, values) => {
      for (const optimize of ['optimal', 'greedy'] as const) {
        const result = compile(subscripts, shapes, { optimize })(...shapes.map(counting));
        expect([...result.toFlat()], optimize).toEqual(values);
      }
    },
  );

  it.each(EXTENSIONS)("extension '%s' for shapes %j", (subscripts, shapes, shape, values) => {
    const result = einsum(subscripts, ...shapes.map(counting));
    expect(result.shape).toEqual(shape);
    expect([...result.toFlat()]).toEqual(values);
  });
});
