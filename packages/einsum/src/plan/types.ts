// The planner's vocabulary: paths, options and the contraction steps a plan is made of.

/**
 * A contraction path in numpy's `einsum_path` convention: each entry lists positions in the *current* operand
 * list; those operands are removed and their result is appended at the end.
 *
 * @example
 * ```ts
 * const path: Path = [[0, 1], [0, 1]]; // 'ij,jk,kl->il': (ij·jk) first, then (kl, ik)
 * ```
 */
export type Path = readonly (readonly number[])[];

/**
 * How to choose the path: a planner's name or an explicit {@link Path}. `'auto'` uses `'optimal'` for up to
 * four operands and `'greedy'` beyond.
 *
 * @example
 * ```ts
 * const choices: Optimize[] = ['auto', 'optimal', 'greedy', [[0, 1], [0, 1]]];
 * ```
 */
export type Optimize = 'auto' | 'optimal' | 'greedy' | Path;

/**
 * Options of the planner, as {@link einsumPath} and {@link compile} take them. `memoryLimit` (elements) caps every
 * intermediate result; the final output is exempt (it must exist anyway). It applies to the searching planners;
 * an explicit path is taken as given.
 *
 * @example
 * ```ts
 * const options: PlanOptions = { optimize: 'greedy', memoryLimit: 1 << 20 };
 * ```
 */
export interface PlanOptions {
  readonly optimize?: Optimize;
  readonly memoryLimit?: number;
}

/**
 * One step of a plan: the operands it consumes (positions in the current list, ascending), the labels of
 * each, the labels of its result (appended at the end of the list) and what it costs.
 *
 * @example
 * ```ts
 * const step: ContractionStep = {
 *   operands: [0, 1], inputs: ['ij', 'jk'], result: 'ik', summed: 'j', flops: 2 * 2 * 3 * 4, size: 2 * 4,
 * };
 * ```
 */
export interface ContractionStep {
  /** Positions in the current operand list, ascending; the result is appended at the end. */
  readonly operands: readonly number[];
  /** The label strings of those operands, in that order. */
  readonly inputs: readonly string[];
  /**
   * Labels of this step's result; the last step's result equals the plan's output exactly. An intermediate
   * keeps its labels in order of first appearance in `inputs` ('ij,jk' gives 'ik').
   */
  readonly result: string;
  /** Labels summed away in this step. */
  readonly summed: string;
  /** opt_einsum's flop count for the step (see `flopCount`). */
  readonly flops: number;
  /** Elements of the result. */
  readonly size: number;
}
