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
    ? bigintMasks(operands, output, labelSizes, problem.memoryLimit)
    : numberMasks(operands, output, labelSizes, problem.memoryLimit);
}

function numberMasks(
  operands: readonly number[][],
  output: number[],
  labelSizes: readonly number[],
  memoryLimit: number,
): MaskProblem<number> {
  const maskOf = (indices: readonly number[]) => indices.reduce((mask, index) => mask | (1 << index), 0);
  const out = maskOf(output);
  const sizeOf = (labels: number): number => {
    let size = 1;
    for (let rest = labels; rest !== 0; rest &= rest - 1) {
      size *= labelSizes[31 - Math.clz32(rest & -rest)] ?? 1;
    }
    return size;
  };
  return {
    operands: operands.map(maskOf),
    memoryLimit,
    sizeOf,
    shares: (a, b) => (a & b) !== 0,
    multiplicity(masks) {
      let once = 0;
      let twice = 0;
      let many = 0;
      for (const mask of masks) {
        many |= twice & mask;
        twice = (twice & ~mask) | (once & mask);
        once = (once & ~mask) | (mask & ~(once | twice | many));
      }
      return { twice, many };
    },
    pairStep(a, b, held) {
      const involved = a | b;
      const twiceOutside = held.twice & (a ^ b);
      const result = involved & (out | held.many | twiceOutside);
      const sums = result !== involved;
      return { result, size: sizeOf(result), flops: sizeOf(involved) * (sums ? 2 : 1), sums };
    },
    finalStep(masks) {
      const involved = masks.reduce((union, mask) => union | mask, 0);
      const sums = (involved & out) !== involved;
      const factor = Math.max(masks.length - 1, 1) + (sums ? 1 : 0);
      return { result: out, size: sizeOf(out), flops: sizeOf(involved) * factor, sums };
    },
  };
}

function bigintMasks(
  operands: readonly number[][],
  output: number[],
  labelSizes: readonly number[],
  memoryLimit: number,
): MaskProblem<bigint> {
  const maskOf = (indices: readonly number[]) =>
    indices.reduce((mask, index) => mask | (1n << BigInt(index)), 0n);
  const out = maskOf(output);
  const known = new Map<bigint, number>();
  const sizeOf = (labels: bigint): number => {
    let size = known.get(labels);
    if (size === undefined) {
      size = 1;
      for (let k = 0, rest = labels; rest !== 0n; k++, rest >>= 1n) if (rest & 1n) size *= labelSizes[k] ?? 1;
      known.set(labels, size);
    }
    return size;
  };
  // only & | ^ on non-negative values below: `~` makes negative BigInts, an order of magnitude slower
  return {
    operands: operands.map(maskOf),
    memoryLimit,
    sizeOf,
    shares: (a, b) => (a & b) !== 0n,
    multiplicity(masks) {
      let once = 0n;
      let twice = 0n;
      let many = 0n;
      for (const mask of masks) {
        const fresh = mask ^ (mask & (once | twice | many));
        many |= twice & mask;
        twice = (twice ^ (twice & mask)) | (once & mask);
        once = (once ^ (once & mask)) | fresh;
      }
      return { twice, many };
    },
    pairStep(a, b, held) {
      const involved = a | b;
      const twiceOutside = held.twice & (a ^ b);
      const result = involved & (out | held.many | twiceOutside);
      const sums = result !== involved;
      return { result, size: sizeOf(result), flops: sizeOf(involved) * (sums ? 2 : 1), sums };
    },
    finalStep(masks) {
      const involved = masks.reduce((union, mask) => union | mask, 0n);
      const sums = (involved & out) !== involved;
      const factor = Math.max(masks.length - 1, 1) + (sums ? 1 : 0);
      return { result: out, size: sizeOf(out), flops: sizeOf(involved) * factor, sums };
    },
  };
}
