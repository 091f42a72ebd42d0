// Label sets as bit masks, so that the searching planners cost a candidate pair in a few bit operations.

import type { PlanProblem } from './planner.js';

/**
 * A set of labels: a 32-bit number while there are at most 31 labels, a BigInt beyond. Opaque to planners.
 *
 * @example
 * ```ts
 * const ik: Mask = 0b101; // labels 0 and 2 of the problem, e.g. 'i' and 'k' of ['ij', 'jk']
 * ```
 */
export type Mask = number | bigint;

/**
 * The labels held by exactly two, and by three or more, of the current operands.
 *
 * @example
 * ```ts
 * const held: Multiplicity = { twice: 0b010, many: 0 }; // ['ij', 'jk']: only 'j' is shared
 * ```
 */
export interface Multiplicity<M extends Mask = Mask> {
  readonly twice: M;
  readonly many: M;
}

/**
 * What contracting some operands yields and costs.
 *
 * @example
 * ```ts
 * const ijByJk: MaskStep = { result: 0b101, size: 8, flops: 48, sums: true }; // i=2, j=3, k=4
 * ```
 */
export interface MaskStep<M extends Mask = Mask> {
  readonly result: M;
  readonly size: number;
  readonly flops: number;
  /** Whether the step sums a label away. */
  readonly sums: boolean;
}

/**
 * A problem with each label a bit, and the few set operations the planners need. Planners use it as
 * `MaskProblem` (masks opaque); the two encodings implement it for `number` and for `bigint`.
 *
 * @example
 * ```ts
 * const encoded: MaskProblem = encodeProblem(problem);
 * encoded.pairStep(0b011, 0b110, encoded.multiplicity(encoded.operands)).result; // 0b101
 * ```
 */
export interface MaskProblem<M extends Mask = Mask> {
  readonly operands: readonly M[];
  readonly memoryLimit: number;
  /** The number of elements of a tensor over these labels. */
  sizeOf(labels: M): number;
  /** Whether two label sets meet. */
  shares(a: M, b: M): boolean;
  /** Which labels two, and three or more, of these operands hold (each holds a label at most once). */
  multiplicity(operands: readonly M[]): Multiplicity<M>;
  /**
   * Contracting `a` and `b` while other operands remain: a label survives when the output needs it or an
   * operand outside the pair holds it (three or more holders, or two of which only one is in the pair).
   */
  pairStep(a: M, b: M, held: Multiplicity<M>): MaskStep<M>;
  /** Contracting every remaining operand at once into the output. */
  finalStep(operands: readonly M[]): MaskStep<M>;
}

/** Label sets as 32-bit numbers hold at most this many labels (bit 31 would make masks negative). */
const NUMBER_BITS = 31;

/**
 * Encodes a problem: label k of the distinct labels (in order of first appearance) becomes bit k. Costs follow
 * `flopCount` (cost.ts). `wide` forces BigInt masks (used by tests to check both forms agree).
 *
 * @example
 * ```ts
 * const encoded = encodeProblem({ inputs: ['ij', 'jk'], output: 'ik', sizes, memoryLimit: Infinity });
 * encoded.operands; // [0b011, 0b110]
 * ```
 */
export function encodeProblem(problem: PlanProblem, wide = false): MaskProblem {
  const indices = new Map<string, number>();
  const labelSizes: number[] = [];
  const indicesOf = (labels: string): number[] =>
    [...labels].map((label) => {
      let index = indices.get(label);
      if (index === undefined) {
        index = indices.size;
        indices.set(label, index);
        labelSizes.push(problem.sizes.get(label) ?? 1);
      }
      return index;
    });
  const operands = problem.inputs.map(indicesOf);
  const output = indicesOf(problem.output);
  return wide || indices.size > NUMBER_BITS
    ? maskProblem(BIGINT_ALGEBRA, operands, output, labelSizes, problem.memoryLimit)
    : maskProblem(NUMBER_ALGEBRA, operands, output, labelSizes, problem.memoryLimit);
}

/**
 * The bit operations a mask type needs, so that the set algebra below is written once for both encodings.
 * `andNot(a, b)` is a without b's bits (for BigInts as `a ^ (a & b)`: `~` makes negative BigInts, an order
 * of magnitude slower).
 */
interface BitAlgebra<M extends Mask> {
  readonly empty: M;
  bit(index: number): M;
  andNot(a: M, b: M): M;
  /** The number of elements of a tensor over these labels, from each label's size. */
  sizeOf(labels: M, labelSizes: readonly number[]): number;
}

const NUMBER_ALGEBRA: BitAlgebra<number> = {
  empty: 0,
  bit: (index) => 1 << index,
  andNot: (a, b) => a & ~b,
  sizeOf(labels, labelSizes) {
    let size = 1;
    for (let rest = labels; rest !== 0; rest &= rest - 1) {
      size *= labelSizes[31 - Math.clz32(rest & -rest)] ?? 1;
    }
    return size;
  },
};

/** Sizes of BigInt label sets seen before (a walk over up to 52+ bits per call otherwise). */
const bigintSizes = new WeakMap<readonly number[], Map<bigint, number>>();

const BIGINT_ALGEBRA: BitAlgebra<bigint> = {
  empty: 0n,
  bit: (index) => 1n << BigInt(index),
  andNot: (a, b) => a ^ (a & b),
  sizeOf(labels, labelSizes) {
    let known = bigintSizes.get(labelSizes);
    if (known === undefined) {
      known = new Map();
      bigintSizes.set(labelSizes, known);
    }
    let size = known.get(labels);
    if (size === undefined) {
      size = 1;
      for (let k = 0, rest = labels; rest !== 0n; k++, rest >>= 1n) if (rest & 1n) size *= labelSizes[k] ?? 1;
      known.set(labels, size);
    }
    return size;
  },
};

/**
 * The problem over one mask type. `|`, `&` and `^` are written on `M` through casts to `number`: TypeScript
 * types them for numbers only, and both `number` and `bigint` operands give the same type back.
 */
function maskProblem<M extends Mask>(
  algebra: BitAlgebra<M>,
  operands: readonly number[][],
  output: readonly number[],
  labelSizes: readonly number[],
  memoryLimit: number,
): MaskProblem<M> {
  const or = (a: M, b: M) => ((a as number) | (b as number)) as M;
  const and = (a: M, b: M) => ((a as number) & (b as number)) as M;
  const xor = (a: M, b: M) => ((a as number) ^ (b as number)) as M;
  const { empty, andNot } = algebra;
  const maskOf = (indices: readonly number[]) => indices.reduce((mask, i) => or(mask, algebra.bit(i)), empty);
  const out = maskOf(output);
  const sizeOf = (labels: M): number => algebra.sizeOf(labels, labelSizes);
  return {
    operands: operands.map(maskOf),
    memoryLimit,
    sizeOf,
    shares: (a, b) => and(a, b) !== empty,
    multiplicity(masks) {
      let once = empty;
      let twice = empty;
      let many = empty;
      for (const mask of masks) {
        const fresh = andNot(mask, or(or(once, twice), many));
        many = or(many, and(twice, mask));
        twice = or(andNot(twice, mask), and(once, mask));
        once = or(andNot(once, mask), fresh);
      }
      return { twice, many };
    },
    pairStep(a, b, held) {
      const involved = or(a, b);
      const twiceOutside = and(held.twice, xor(a, b));
      const result = and(involved, or(or(out, held.many), twiceOutside));
      const sums = result !== involved;
      return { result, size: sizeOf(result), flops: sizeOf(involved) * (sums ? 2 : 1), sums };
    },
    finalStep(masks) {
      const involved = masks.reduce(or, empty);
      const sums = and(involved, out) !== involved;
      const factor = Math.max(masks.length - 1, 1) + (sums ? 1 : 0);
      return { result: out, size: sizeOf(out), flops: sizeOf(involved) * factor, sums };
    },
  };
}
