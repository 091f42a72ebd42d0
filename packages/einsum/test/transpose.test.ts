// Materialised permutations (the blocked transposition kernel and the plain copy) and large outputs.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bind } from '../src/bind.js';
import { buildProgram } from '../src/exec/program.js';
import { compile, einsum, tensor } from '../src/index.js';
import { parse } from '../src/parse.js';
import { planEinsum } from '../src/plan/index.js';
import { rowMajorStrides } from '../src/shape.js';
import { naiveEinsum } from './naive.js';
import { prop } from './property.js';

const LABELS = 'abcd';

/** Sizes on both sides of the transposition kernel's 8-row edge and its 256-column block edge, and small ones. */
const nearRowEdge = fc.constantFrom(1, 2, 7, 8, 9);
const nearBlockEdge = fc.constantFrom(15, 16, 17, 255, 256, 257);

const permutationOfFour = fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 });

/**
 * A rank-4 shape holding 8 and 64 (so that some strides are multiples of 512 elements, strides that alias in
 * L1) and two sizes around the kernel's edges (8 rows, 256 columns), in a random order, and a random
 * permutation.
 */
const permutationCase = fc
  .tuple(nearRowEdge, nearBlockEdge, permutationOfFour, permutationOfFour)
  .map(([e1, e2, order, permutation]) => {
    const sizes = [8, 64, e1, e2];
    const shape = order.map((d) => sizes[d] as number);
    const output = permutation.map((d) => LABELS[d]).join('');
    return { shape, permutation, subscripts: `${LABELS}->${output}` };
  });

/** The element of a row-major array of `shape` at multi-index `index`. */
function flatIndex(shape: readonly number[], index: readonly number[]): number {
  return index.reduce((flat, i, d) => flat * (shape[d] as number) + i, 0);
}

/** How the program for a one-operand equation moves its data: 'transpose', 'copy' or 'sum'. */
function copyKind(subscripts: string, shape: readonly number[]): string {
  const program = buildProgram(planEinsum(bind(parse(subscripts), [shape])), [rowMajorStrides(shape)]);
  return program.operations.map((operation) => operation.describe.split(' ')[0]).join(',');
}

describe('materialised permutations', () => {
  prop([permutationCase], { numRuns: 60 })(
    'a permuted copy holds input[index permuted] at every index (transposition kernel or not)',
    ({ shape, permutation, subscripts }) => {
      // element k of the input holds k, so any misplaced element is seen; the values are exact integers
      const size = shape.reduce((x, y) => x * y, 1);
      const input = tensor(
        Float64Array.from({ length: size }, (_, k) => k),
        shape,
      );
      const result = einsum(subscripts, input);
      const outShape = permutation.map((d) => shape[d] as number);
      expect(result.shape).toEqual(outShape);
      const got = result.toFlat();
      const index = new Array<number>(4).fill(0);
      const source = new Array<number>(4).fill(0);
      for (let flat = 0; flat < size; flat++) {
        permutation.forEach((d, position) => {
          source[d] = index[position] as number;
        });
        const expected = flatIndex(shape, source);
        if (got[flat] !== expected) {
          expect.fail(
            `${subscripts} ${JSON.stringify(shape)}: element ${flat} is ${got[flat]}, expected ${expected}`,
          );
        }
        for (let d = 3; d >= 0; d--) {
          index[d] = (index[d] as number) + 1;
          if ((index[d] as number) < (outShape[d] as number)) break;
          index[d] = 0;
        }
      }
    },
  );

  // The 8-row blocked kernel beat 32×32 tiles at every size measured, aliasing strides included (ns per
  // element, 32×32 tiles → 8 rows: 512² 3.3 → 0.9, 1000² 2.9 → 1.2, 1024² 3.9 → 1.5, 2048² 4.0 → 2.4), so it
  // runs every transposition; the tiles, used only at strides that are multiples of 4 KiB, are gone.
  it('transposes with the blocked kernel exactly when one loop reads and another writes contiguously', () => {
    expect(copyKind('ij->ji', [1024, 1024])).toBe('transpose');
    expect(copyKind('ij->ji', [512, 512])).toBe('transpose');
    expect(copyKind('ij->ji', [33, 512])).toBe('transpose');
    expect(copyKind('ij->ji', [1000, 1000])).toBe('transpose');
    expect(copyKind('aij->jia', [2, 67, 65])).toBe('transpose');
    expect(copyKind('ij->ij', [1024, 1024])).toBe('copy');
    expect(copyKind('ij->i', [1024, 1024])).toBe('sum');
  });

  it('the random cases reach both the blocked transposition and the plain copy', () => {
    const samples = fc.sample(permutationCase, { numRuns: 200, seed: 1 });
    const kinds = samples.map(({ shape, subscripts }) => copyKind(subscripts, shape));
    expect(kinds.filter((kind) => kind === 'transpose').length).toBeGreaterThan(0);
    expect(kinds.filter((kind) => kind === 'copy').length).toBeGreaterThan(0);
  });
});

describe('large outputs', () => {
  // larger than the property tests' operands: merged loops, output clears and broadcasts over 64Ki+ elements
  it('are written in full: outer product, transpose, diagonal, sum, broadcast', () => {
    const n = 256;
    const v = tensor(Float64Array.from({ length: n }, (_, i) => i + 1));
    const m = tensor(
      Float64Array.from({ length: n * n }, (_, i) => i % 7),
      [n, n],
    );
    const cases: [string, ReturnType<typeof tensor>[]][] = [
      ['i,j->ij', [v, v]],
      ['ij->ji', [m]],
      ['i->ii', [v]],
      ['ij,k->ikj', [tensor(new Float64Array(n * 2).fill(1), [n, 2]), v]],
      ['ijk->ij', [tensor(new Float64Array(n * n * 2).fill(0.5), [n, n, 2])]],
    ];
    for (const [subscripts, operands] of cases) {
      const expected = naiveEinsum(subscripts, operands).values;
      // the values are exact in float64 (small integers and halves), so the results must agree exactly
      expect([...einsum(subscripts, ...operands).toFlat()], subscripts).toEqual(expected);
      const expr = compile(
        subscripts,
        operands.map((t) => t.shape),
      );
      expect([...expr(...operands).toFlat()], subscripts).toEqual(expected);
    }
  });
});
