// Laws of adjoint(): the documented strings, the inner-product identity, and central finite differences.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjoint, einsum, Tensor } from '../src/index.js';
import { prop } from './property.js';
import type { RandomCase } from './random-equation.js';
import { randomCases } from './random-equation.js';

function dot(x: Tensor, y: Tensor): number {
  const [u, v] = [x.toFlat(), y.toFlat()];
  return u.reduce((sum, value, i) => sum + value * (v[i] as number), 0);
}
const filled = (shape: readonly number[], value: (i: number) => number) =>
  new Tensor(
    Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => value(i)),
    shape,
  );

/** The size of each label of a term bound to a shape ('...' as one entry: the ellipsis' shape). */
function termShapes(term: string, shape: readonly number[]): Map<string, number[]> {
  const at = term.indexOf('...');
  const letters = term.replace('...', '');
  const rank = shape.length - letters.length;
  const sizes = new Map<string, number[]>();
  [...letters].forEach((label, i) => {
    sizes.set(label, [shape[at !== -1 && i >= at ? i + rank : i] as number]);
  });
  if (at !== -1) sizes.set('...', shape.slice(at, at + rank));
  return sizes;
}

/** The operands of adjoint(f, k): G, the other operands, then the ones tensors the string asks for. */
function adjointOperands(c: RandomCase, k: number, g: Tensor): { subscripts: string; operands: Tensor[] } {
  const subscripts = adjoint(c.subscripts, k);
  const terms = subscripts.split('->')[0]?.split(',') ?? [];
  const termK = c.subscripts.split('->')[0]?.split(',')[k] as string;
  const sizes = termShapes(termK, (c.operands[k] as Tensor).shape);
  const others = c.operands.filter((_, j) => j !== k);
  const ones = terms.slice(1 + others.length).map((term) => filled(sizes.get(term) as number[], () => 1));
  return { subscripts, operands: [g, ...others, ...ones] };
}

/** A case and the index of the operand to differentiate (drawn as any natural, taken modulo the count). */
const caseAndOperand = fc
  .tuple(randomCases({ broadcast: false }), fc.nat())
  .map(([c, draw]) => [c, draw % c.operands.length] as const);

describe('adjoint', () => {
  it('gives the documented strings', () => {
    expect(adjoint('ij,jk->ik', 0)).toBe('ik,jk->ij');
    expect(adjoint('ij,jk->ik', 1)).toBe('ik,ij->jk');
    expect(adjoint('ij->i', 0)).toBe('i,j->ij');
    expect(adjoint('ii->', 0)).toBe(',i->ii');
    expect(adjoint('i->ii', 0)).toBe('ii->i');
    expect(adjoint('ij,jk', 0)).toBe('ik,jk->ij');
    expect(adjoint('...ij,...jk->...ik', 1)).toBe('...ik,...ij->...jk');
    expect(adjoint('ab...->b', 0)).toBe('b,a,...->ab...');
  });

  // Integer data: both inner products are exact float64 sums, so they agree exactly.
  prop([caseAndOperand, fc.integer()], { numRuns: 300 })(
    'adjoint satisfies ⟨G, f(…A…)⟩ = ⟨einsum(adjoint(f, k), G, others…, ones…), A⟩',
    ([c, k], seed) => {
      const forward = einsum(c.subscripts, ...c.operands);
      const g = filled(forward.shape, (i) => ((i * 7 + seed) % 5) - 2);
      const { subscripts, operands } = adjointOperands(c, k, g);
      const gradient = einsum(subscripts, ...operands);
      const a = c.operands[k] as Tensor;
      expect(gradient.shape).toEqual(a.shape);
      expect(dot(gradient, a) + 0).toBe(dot(g, forward) + 0); // + 0: -0 and 0 are equal here
    },
  );

  // F(A) = ⟨G, f(…A…)⟩ is linear in A, so the central difference has no truncation error; with integer data
  // and h = 1/2 every intermediate value is exact in float64: the comparison is exact.
  prop([caseAndOperand], { numRuns: 80 })('adjoint matches central finite differences', ([c, k]) => {
    const forward = einsum(c.subscripts, ...c.operands);
    const g = filled(forward.shape, (i) => (i % 3) - 1);
    const { subscripts, operands } = adjointOperands(c, k, g);
    const gradient = einsum(subscripts, ...operands).toFlat();
    const a = c.operands[k] as Tensor;
    const h = 0.5;
    const loss = (values: Float64Array) => {
      const operands = c.operands.map((t, j) => (j === k ? new Tensor(values, a.shape) : t));
      return dot(g, einsum(c.subscripts, ...operands));
    };
    const base = a.toFlat();
    for (let i = 0; i < base.length; i++) {
      const plus = base.slice();
      const minus = base.slice();
      plus[i] = (plus[i] as number) + h;
      minus[i] = (minus[i] as number) - h;
      expect((loss(plus) - loss(minus)) / (2 * h) + 0, `element ${i}`).toBe((gradient[i] as number) + 0);
    }
  });
});
