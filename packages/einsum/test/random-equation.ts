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
export const randomCase: fc.Arbitrary<RandomCase> = randomCases({ broadcast: true });

/**
 * Random cases; without `broadcast`, no size-1 dimension stands against a larger one and every '...' covers
 * the same dimensions (an adjoint's result then has its operand's shape).
 */
export function randomCases(options: { readonly broadcast: boolean }): fc.Arbitrary<RandomCase> {
  // Choices come from a list of naturals (missing ones read as 0, the simplest choice), so that shrinking
  // the list shrinks the equation; the data comes from a seeded generator.
  return fc
    .tuple(fc.array(fc.nat({ max: 1 << 16 }), { minLength: 80, maxLength: 80 }), fc.integer())
    .map(([draws, seed]) => buildCase(draws, seed, options.broadcast));
}

function buildCase(draws: readonly number[], seed: number, broadcast: boolean): RandomCase {
  let next = 0;
  const int = (min: number, max: number) => min + ((draws[next++] ?? 0) % (max - min + 1));
  const chance = (oneIn: number) => int(0, oneIn - 1) === oneIn - 1;
  const n = int(1, 4);
  const terms: string[][] = Array.from({ length: n }, () => []);
  const output: string[] = [];
  const pool = [...LABELS];
  const take = () => pool.splice(int(0, pool.length - 1), 1)[0] as string;
  const operand = () => int(0, n - 1);
  for (let c = int(0, 4); c > 0; c--) {
    const label = take();
    terms[operand()]?.push(label);
    terms[operand()]?.push(label);
  }
  for (let c = int(0, 3); c > 0; c--) {
    const label = take();
    terms[operand()]?.push(label);
    if (n > 1 && chance(2)) terms[operand()]?.push(label);
    output.push(label);
  }
  const sizes = new Map<string, number>();
  for (const label of [...terms.flat(), ...output]) {
    // sizes 1–3, and 0 one time in sixteen (an empty tensor)
    const draw = int(0, 15);
    if (!sizes.has(label)) sizes.set(label, draw === 15 ? 0 : 1 + (draw % 3));
  }
  const diagonalOutput = output.length > 0 && chance(8);
  if (diagonalOutput) output.push(output[0] as string);
  const ellipsisRank = chance(4) ? int(1, 2) : 0;
  const ellipsisSizes = Array.from({ length: ellipsisRank }, () => int(1, 3));
  const shapes: number[][] = [];
  const written = terms.map((term, k) => {
    const shuffled = [...term];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = int(0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
    }
    const shape = shuffled.map((label) => sizes.get(label) as number);
    const single = shuffled.filter((label) => shuffled.indexOf(label) === shuffled.lastIndexOf(label));
    if (broadcast && single.length > 0 && chance(6)) {
      shape[shuffled.indexOf(single[int(0, single.length - 1)] as string)] = 1;
    }
    let text = shuffled.join('');
    if (ellipsisRank > 0 && (k === 0 || chance(2))) {
      const rank = k === 0 || !broadcast ? ellipsisRank : int(0, ellipsisRank);
      const at = int(0, shuffled.length);
      const dims = ellipsisSizes
        .slice(ellipsisRank - rank)
        .map((size) => (broadcast && chance(5) ? 1 : size));
      text = `${text.slice(0, at)}...${text.slice(at)}`;
      shape.splice(at, 0, ...dims);
    }
    shapes.push(shape);
    return text;
  });
  const implicit = !diagonalOutput && chance(4);
  const at = int(0, output.length);
  const outputText =
    ellipsisRank === 0 ? output.join('') : `${output.slice(0, at).join('')}...${output.slice(at).join('')}`;
  const subscripts = implicit ? written.join(',') : `${written.join(',')}->${outputText}`;
  let state = seed | 0;
  const value = () => {
    state = (Math.imul(state, 1103515245) + 12345) | 0;
    return ((state >>> 16) % 7) - 3;
  };
  const operands = shapes.map((shape) => {
    const count = shape.reduce((a, b) => a * b, 1);
    return new Tensor(Float64Array.from({ length: count }, value), shape);
  });
  return { subscripts, operands };
}

/**
 * A valid contraction path for `n` operands in numpy's convention, built from random draws: pairs, and a
 * triple when a draw says so.
 */
export function pathFrom(n: number, draws: readonly number[]): number[][] {
  const path: number[][] = [];
  let next = 0;
  const draw = () => draws[next++ % draws.length] as number;
  for (let m = n; m > 1; ) {
    const width = m >= 3 && draw() % 5 === 0 ? 3 : 2;
    const positions = [...Array(m).keys()];
    const chosen: number[] = [];
    for (let w = 0; w < width; w++) chosen.push(positions.splice(draw() % positions.length, 1)[0] as number);
    path.push(chosen.sort((x, y) => x - y));
    m -= width - 1;
  }
  if (n === 1) path.push([0]);
  return path;
}

/** A random case with a random valid path for it. */
export const caseWithPath: fc.Arbitrary<readonly [RandomCase, number[][]]> = fc
  .tuple(randomCase, fc.array(fc.nat({ max: 1 << 16 }), { minLength: 1, maxLength: 12 }))
  .map(([c, draws]) => [c, pathFrom(c.operands.length, draws)] as const);
