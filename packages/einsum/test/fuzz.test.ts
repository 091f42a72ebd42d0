// Fuzz: random subscripts, shapes and operands; only EinsumError may escape, and results have the right shape.

import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { adjoint, compile, EinsumError, einsum, einsumPath, Tensor } from '../src/index.js';
import { naiveEinsum } from './naive.js';
import { prop } from './property.js';

/** Strings over einsum's alphabet plus a few characters that must be rejected, or over the valid tokens only. */
const subscripts = fc
  .oneof(
    fc.array(fc.constantFrom('i', 'j', 'k', 'a', 'I', '.', '...', ',', '->', '-', '>', ' ', '1', 'é', '\t'), {
      maxLength: 14,
    }),
    fc.array(fc.constantFrom('i', 'j', 'k', 'a', 'I', 'i', 'j', '...', ',', ',', '->', ' '), {
      maxLength: 12,
    }),
  )
  .map((parts) => parts.join(''));

const shape = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 });
const operand = shape.map(
  (dims) =>
    new Tensor(
      Float64Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => (i % 5) - 2),
      dims,
    ),
);

/**
 * Operands fitted to the subscripts' terms (a label's size from its letter, '...' covering `extra` dims of
 * size 2), or the random ones when `fit` is false: so that many fuzzed inputs are valid and get checked.
 */
function fitted(text: string, random: Tensor[], fit: boolean, extra: number): Tensor[] {
  if (!fit) return random;
  const terms = (text.split('->')[0] ?? '').split(',');
  return terms.map((term) => {
    const dims: number[] = [];
    for (const part of term
      .replaceAll(' ', '')
      .split('...')
      .map((letters, i) => (i > 0 ? ['…', ...letters] : [...letters]))) {
      for (const c of part) {
        if (c === '…') dims.push(...Array<number>(extra).fill(2));
        else dims.push(1 + (c.charCodeAt(0) % 3));
      }
    }
    return new Tensor(
      Float64Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => (i % 5) - 2),
      dims,
    );
  });
}

/** Runs `action`; an EinsumError is an accepted outcome, anything else thrown fails the property. */
function rejectedOnlyByEinsumError<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch (error) {
    if (error instanceof EinsumError) return undefined;
    throw error;
  }
}

describe('fuzz', () => {
  prop([subscripts, fc.array(operand, { maxLength: 4 }), fc.boolean(), fc.integer({ min: 0, max: 2 })], {
    numRuns: 4000,
  })(
    'einsum throws only EinsumError, and what it returns equals the naive sum',
    (text, random, fit, extra) => {
      const operands = fitted(text, random, fit, extra);
      const result = rejectedOnlyByEinsumError(() => einsum(text, ...operands));
      if (result === undefined) return;
      const expected = naiveEinsum(text, operands);
      expect(result.shape).toEqual(expected.shape);
      expect([...result.toFlat()].map((v) => v + 0)).toEqual(expected.values.map((v) => v + 0)); // -0 reads as 0
    },
  );

  const badShape = fc.oneof(
    shape,
    fc.array(fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constant(1.5), fc.constant(Number.NaN)), {
      maxLength: 3,
    }),
    fc.constantFrom(null, 'ij', 3, undefined),
  );
  prop([subscripts, fc.array(badShape, { maxLength: 3 }), fc.constantFrom('auto', 'greedy', 'x', [[0, 1]])], {
    numRuns: 2000,
  })('compile and einsumPath throw only EinsumError on any shapes and options', (text, shapes, optimize) => {
    const options = { optimize } as Parameters<typeof compile>[2];
    const expr = rejectedOnlyByEinsumError(() => compile(text, shapes as number[][], options));
    rejectedOnlyByEinsumError(() => einsumPath(text, shapes as number[][], options));
    if (expr === undefined) return;
    const operands = expr.shapes.map(
      (dims) => new Tensor(new Float64Array(dims.reduce((a, b) => a * b, 1)), dims),
    );
    expect(expr(...operands).shape).toEqual(expr.outputShape);
  });

  prop([subscripts, fc.integer({ min: -1, max: 4 })], { numRuns: 2000 })(
    'adjoint throws only EinsumError, and returns subscripts that parse',
    (text, k) => {
      const result = rejectedOnlyByEinsumError(() => adjoint(text, k));
      if (result === undefined) return;
      const check = rejectedOnlyByEinsumError(() => einsumPath(result, []));
      expect(check).toBeUndefined(); // no operands given: it must fail on the count, not on the grammar
      expect(() => einsumPath(result, [])).toThrow(/input term/);
    },
  );
});
