// float32 end to end: dtype rules, float32 results against float64 ones within Higham's bound, at every size.

import { describe, expect, it } from 'vitest';
import { compile, EinsumError, einsum, type FloatArray, Tensor, tensor } from '../src/index.js';
import { naiveEinsum } from './naive.js';
import { prop } from './property.js';
import { randomCase } from './random-equation.js';

/** float32's unit roundoff. */
const U32 = 2 ** -24;

/** A float32 tensor holding the values of `t` rounded to float32, and the float64 tensor of those same values. */
function pair(t: Tensor<FloatArray>): { f32: Tensor<Float32Array>; f64: Tensor } {
  const values = Float32Array.from(t.toFlat());
  return { f32: new Tensor(values, t.shape), f64: new Tensor(Float64Array.from(values), t.shape) };
}

/** Real values (not integers) from a case's small integers, so that float32 arithmetic rounds. */
function reals(t: Tensor): Tensor {
  return new Tensor(
    t.toFlat().map((v, i) => v / 3 + ((i * 7919) % 13) / 17),
    t.shape,
  );
}

/**
 * Checks a float32 result against the float64 evaluation of the same (float32) values. Every output element
 * is a sum of `terms` products of the n operands; any order of pairwise products and partial sums, with
 * each intermediate stored in float32, rounds each product at most (n − 1) + (terms − 1) + n + 1 times
 * (multiplications, additions, stores of intermediates, the final store), so the error is at most
 * γ(terms + 3n)·Σ|products| ≤ 2(terms + 3n)·u·Σ|products| with u = 2⁻²⁴ (Higham, Accuracy and Stability of
 * Numerical Algorithms, §3.1 and §3.5). The float64 reference errs by the same count times 2⁻⁵³: negligible.
 */
function expectWithinBound(
  subscripts: string,
  operands: readonly Tensor[],
  result: Tensor<FloatArray>,
): void {
  expect(result.dtype).toBe('float32');
  const exact = naiveEinsum(subscripts, operands);
  const magnitude = naiveEinsum(
    subscripts,
    operands.map((t) => new Tensor(t.toFlat().map(Math.abs), t.shape)),
  );
  const steps = exact.terms + 3 * operands.length;
  const got = result.toFlat();
  expect([...result.shape]).toEqual(exact.shape);
  exact.values.forEach((want, i) => {
    const error = Math.abs((got[i] as number) - want);
    const bound = 2 * steps * U32 * (magnitude.values[i] as number);
    if (!(error <= bound)) {
      expect.fail(
        `${subscripts}: element ${i} is ${got[i]}, float64 gives ${want} (error ${error} > ${bound})`,
      );
    }
  });
}

describe('float32 tensors', () => {
  it('tensor() keeps a Float32Array float32 and makes every other input float64, unless told', () => {
    expect(tensor(new Float32Array([1, 2, 3, 4]), [2, 2]).dtype).toBe('float32');
    expect(tensor(new Float32Array([1, 2])).data).toBeInstanceOf(Float32Array);
    expect(tensor([1, 2]).dtype).toBe('float64');
    expect(tensor(new Int16Array([1, 2])).dtype).toBe('float64');
    const rounded = tensor([0.1, 0.2], undefined, { dtype: 'float32' });
    expect(rounded.dtype).toBe('float32');
    expect([...rounded.data]).toEqual([Math.fround(0.1), Math.fround(0.2)]);
    expect(tensor(new Float32Array([0.5]), undefined, { dtype: 'float64' }).dtype).toBe('float64');
    expect(String(tensor(new Float32Array([1, 2])))).toBe('Tensor[2] float32 [1,2]');
  });

  it('keeps float32 through views and copies', () => {
    const t = tensor(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    expect(t.transpose().dtype).toBe('float32');
    const flat = t.transpose().toFlat();
    expect(flat).toBeInstanceOf(Float32Array);
    expect([...flat]).toEqual([1, 4, 2, 5, 3, 6]);
    const square = tensor(new Float32Array([1, 2, 3, 4]), [2, 2]);
    expect(square.diagonal().toFlat()).toBeInstanceOf(Float32Array);
    expect([...square.diagonal().toFlat()]).toEqual([1, 4]);
  });

  it('einsum follows numpy: float32 operands give float32, mixed operands promote to float64', () => {
    const a = tensor(new Float32Array([1, 2, 3, 4]), [2, 2]);
    const b = new Float32Array([1, 1]);
    expect(einsum('ij,j->i', a, b).dtype).toBe('float32');
    expect(einsum('ij,j->i', a, b).data).toBeInstanceOf(Float32Array);
    expect(einsum('ij,jk->ik', a, a).dtype).toBe('float32');
    expect(einsum('ij,j->i', a, [1, 1]).dtype).toBe('float64');
    expect(einsum('ij,j->i', a, new Float64Array([1, 1])).toArray()).toEqual([3, 7]);
    expect(einsum('ij->j', a).dtype).toBe('float32');
    expect(einsum('i,i->', b, b).toArray()).toBe(2);
  });

  it('compiled expressions compute in the operands’ dtype; into() wants an output of it', () => {
    const matmul = compile('ij,jk->ik', [
      [2, 2],
      [2, 2],
    ]);
    const a32 = new Float32Array([1, 2, 3, 4]);
    const product = matmul(a32, a32);
    expect(product.dtype).toBe('float32');
    expect(product.toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
    expect(matmul(a32, new Float64Array([1, 0, 0, 1])).dtype).toBe('float64');
    const out32 = new Float32Array(4);
    expect(matmul.into(out32, a32, a32)).toBe(out32);
    expect([...out32]).toEqual([7, 10, 15, 22]);
    const rejected = (() => {
      try {
        matmul.into(new Float64Array(4), a32, a32);
      } catch (error) {
        return error;
      }
    })();
    expect(rejected).toBeInstanceOf(EinsumError);
    expect((rejected as EinsumError).code).toBe('bad-dtype');
    expect((rejected as EinsumError).message).toMatch(/float64 but its operands compute in float32/);
  });
});

describe('float32 against float64', () => {
  prop([randomCase], { numRuns: 300 })(
    'float32 einsum of small integers equals the naive sum exactly (every value is exact in float32)',
    ({ subscripts, operands }) => {
      const result = einsum(subscripts, ...operands.map((t) => pair(t).f32));
      expect(result.dtype).toBe('float32');
      const expected = naiveEinsum(subscripts, operands);
      // -0 (a lone product) and +0 (the oracle's sum from 0) are the same value here
      expect([...result.toFlat()].map((v) => v + 0)).toEqual(expected.values.map((v) => v + 0));
    },
  );

  prop([randomCase], { numRuns: 300 })(
    'float32 einsum of real values stays within Higham’s bound of float64 on the same values',
    ({ subscripts, operands }) => {
      const pairs = operands.map((t) => pair(reals(t)));
      const result = einsum(subscripts, ...pairs.map((p) => p.f32));
      expectWithinBound(
        subscripts,
        pairs.map((p) => p.f64),
        result,
      );
    },
  );

  /** Shapes large enough for the WebAssembly kernels (m·n·k > 64), each kind of step once. */
  const LARGE: readonly (readonly [string, number[][]])[] = [
    [
      'ij,jk->ik',
      [
        [40, 70],
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
      'bhqd,bhkd->bhqk',
      [
        [2, 2, 20, 16],
        [2, 2, 24, 16],
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
      'bj,ij->bi',
      [
        [32, 100],
        [100, 100],
      ],
    ],
    ['ij,j->i', [[100, 101], [101]]],
    ['ji,j->i', [[101, 100], [101]]],
    ['i,j->ij', [[100], [90]]],
    [
      'bi,bj->bij',
      [
        [3, 20],
        [3, 30],
      ],
    ],
    ['ij->ji', [[70, 66]]],
    ['ij->j', [[70, 65]]],
  ];

  it.each(LARGE)("'%s' on shapes %j, by einsum and by compile, within the bound", (subscripts, shapes) => {
    let seed = 7;
    const operands = shapes.map((shape) => {
      const count = shape.reduce((a, b) => a * b, 1);
      const values = Float64Array.from({ length: count }, () => {
        seed = (Math.imul(seed, 1103515245) + 12345) | 0;
        return Math.fround(((seed >>> 8) % 2001) / 1000 - 1);
      });
      return pair(new Tensor(values, shape));
    });
    const f64 = operands.map((p) => p.f64);
    const f32 = operands.map((p) => p.f32);
    expectWithinBound(subscripts, f64, einsum(subscripts, ...f32));
    expectWithinBound(subscripts, f64, compile(subscripts, shapes)(...f32));
  });
});
