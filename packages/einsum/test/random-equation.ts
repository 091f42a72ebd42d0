// Test generator: random einsum equations shaped like opt_einsum's, with data, for property tests.

import fc from 'fast-check';
import { Tensor } from '../src/index.js';

/** A random equation with operands: subscripts, operand tensors (small integers: sums are exact). */
export interface RandomCase {
  readonly subscripts: string;
  readonly operands: readonly Tensor[];
}

const LABELS = 'abcdefghijABC';

/**
 * Draws an equation: 1–4 operands; contracted labels appear exactly twice (in two operands, or twice in one:
 * a trace); kept labels once (or in two operands: a batch label); sometimes a repeated output label, a
 * size-1 dimension broadcast against a larger one, 0-d operands, '...' with right-aligned broadcasting, an
 * implicit output.
 */
export const randomCase: fc.Arbitrary<RandomCase> = fc.gen().map((g) => {
  const n = g(fc.integer, { min: 1, max: 4 });
  const terms: string[][] = Array.from({ length: n }, () => []);
  const output: string[] = [];
  const pool = [...LABELS];
  const take = () => pool.splice(g(fc.integer, { min: 0, max: pool.length - 1 }), 1)[0] as string;
  const operand = () => g(fc.integer, { min: 0, max: n - 1 });
  for (let c = g(fc.integer, { min: 0, max: 4 }); c > 0 && pool.length > 0; c--) {
    const label = take();
    terms[operand()]?.push(label);
    terms[operand()]?.push(label);
  }
  for (let c = g(fc.integer, { min: 0, max: 3 }); c > 0 && pool.length > 0; c--) {
    const label = take();
    terms[operand()]?.push(label);
    if (n > 1 && g(fc.boolean)) terms[operand()]?.push(label);
    output.push(label);
  }
  const sizes = new Map<string, number>();
  for (const label of [...terms.flat(), ...output]) {
    // sizes 1–3, and 0 one time in sixteen (an empty tensor)
    const draw = g(fc.integer, { min: 0, max: 15 });
    if (!sizes.has(label)) sizes.set(label, draw === 0 ? 0 : 1 + (draw % 3));
  }
  const diagonalOutput = output.length > 0 && g(fc.integer, { min: 0, max: 7 }) === 0;
  if (diagonalOutput) output.push(output[0] as string);
  const ellipsisRank = g(fc.integer, { min: 0, max: 6 }) < 5 ? 0 : g(fc.integer, { min: 1, max: 2 });
  const ellipsisSizes = Array.from({ length: ellipsisRank }, () => g(fc.integer, { min: 1, max: 3 }));
  const shapes: number[][] = [];
  const written = terms.map((term, k) => {
    const shuffled = g(fc.shuffledSubarray, term, { minLength: term.length, maxLength: term.length });
    const shape = shuffled.map((label) => sizes.get(label) as number);
    const broadcastable = shuffled.filter((label) => shuffled.indexOf(label) === shuffled.lastIndexOf(label));
    if (broadcastable.length > 0 && g(fc.integer, { min: 0, max: 5 }) === 0) {
      const label = broadcastable[g(fc.integer, { min: 0, max: broadcastable.length - 1 })] as string;
      shape[shuffled.indexOf(label)] = 1;
    }
    let text = shuffled.join('');
    if (ellipsisRank > 0 && (k === 0 || g(fc.boolean))) {
      const rank = k === 0 ? ellipsisRank : g(fc.integer, { min: 0, max: ellipsisRank });
      const at = g(fc.integer, { min: 0, max: shuffled.length });
      const dims = ellipsisSizes
        .slice(ellipsisRank - rank)
        .map((size) => (g(fc.integer, { min: 0, max: 4 }) === 0 ? 1 : size));
      text = `${text.slice(0, at)}...${text.slice(at)}`;
      shape.splice(at, 0, ...dims);
    }
    shapes.push(shape);
    return text;
  });
  const implicit = !diagonalOutput && g(fc.integer, { min: 0, max: 3 }) === 0;
  const outputText = () => {
    if (ellipsisRank === 0) return output.join('');
    const at = g(fc.integer, { min: 0, max: output.length });
    return `${output.slice(0, at).join('')}...${output.slice(at).join('')}`;
  };
  const subscripts = implicit ? written.join(',') : `${written.join(',')}->${outputText()}`;
  const operands = shapes.map((shape) => {
    const count = shape.reduce((a, b) => a * b, 1);
    const data = Float64Array.from({ length: count }, () => g(fc.integer, { min: -3, max: 3 }));
    return new Tensor(data, shape);
  });
  return { subscripts, operands };
});

/** A random valid contraction path for `n` operands (pairs, sometimes a triple), numpy's convention. */
export function randomPath(n: number): fc.Arbitrary<number[][]> {
  return fc.gen().map((g) => {
    const path: number[][] = [];
    for (let m = n; m > 1; ) {
      const width = m >= 3 && g(fc.integer, { min: 0, max: 4 }) === 0 ? 3 : 2;
      const chosen = g(fc.shuffledSubarray, [...Array(m).keys()], { minLength: width, maxLength: width });
      path.push([...chosen].sort((x, y) => x - y));
      m -= width - 1;
    }
    if (n === 1) path.push([0]);
    return path;
  });
}
