// The einsum explorer's computation: from what the reader typed to the plan, the adjoints, a run, or the error.
import { adjoint, type ContractionStep, compile, einsumPath, type PathInfo } from '@rnn/einsum';
import { type Preview, previewTensor, randomOperand } from './operands.js';
import { parseShapes } from './shapes.js';
import type { ExplorerQuery } from './url-state.js';

/**
 * Beyond these the explorer plans but does not run: the run happens on the page's thread while the reader types.
 * 5·10⁷ FLOPs take tens of milliseconds in WebAssembly; a million doubles are 8 MB.
 *
 * @example
 * ```ts
 * explore({ subscripts: 'ij,jk->ik', shapes: '1000x1000, 1000x1000', optimize: 'auto' }).run?.kind; // 'skipped'
 * ```
 */
export const RUN_LIMITS = { flops: 5e7, elements: 1e6 } as const;

/**
 * The exhaustive planner's search grows exponentially with the operand count; past this many operands the
 * explorer asks for another planner instead of freezing the page.
 *
 * @example
 * ```ts
 * OPTIMAL_OPERAND_LIMIT; // 10
 * ```
 */
export const OPTIMAL_OPERAND_LIMIT = 10;

/**
 * The contraction run on random operands, or why it was not.
 *
 * @example
 * ```ts
 * const outcome: RunOutcome = { kind: 'skipped', reason: 'not run here: 2.0e+9 FLOPs exceeds the page\'s limit of 5e+7' };
 * ```
 */
export type RunOutcome =
  | { readonly kind: 'ran'; readonly preview: Preview; readonly milliseconds: number }
  | { readonly kind: 'skipped'; readonly reason: string };

/**
 * Everything the explorer shows for one input. Fields of a stage that failed are empty.
 *
 * @example
 * ```ts
 * const { plan, adjoints, error }: Exploration = explore({ subscripts: 'ii', shapes: '3x3', optimize: 'auto' });
 * ```
 */
export interface Exploration {
  /** The operands' terms as typed (spaces removed), for the diagram's leaves. */
  readonly terms: readonly string[];
  /** `String(einsumPath(...))`, '' when planning failed. */
  readonly plan: string;
  readonly info: PathInfo | undefined;
  readonly steps: readonly ContractionStep[];
  /** `adjoint(subscripts, k)` for every operand k, in order; empty when the subscripts do not parse. */
  readonly adjoints: readonly string[];
  readonly run: RunOutcome | undefined;
  /** The message of the first error (an EinsumError's, with its caret), '' when there is none. */
  readonly error: string;
}

/** The input terms of the subscripts as written (numpy's grammar: spaces are ignored). */
function termsOf(subscripts: string): string[] {
  const inputs = subscripts.replace(/\s+/g, '').split('->')[0] ?? '';
  return inputs.split(',');
}

/**
 * Plans, differentiates and (when small enough) runs an einsum, the way the explorer shows it.
 *
 * @example
 * ```ts
 * const e = explore({ subscripts: 'ij,jk->ik', shapes: '2x3, 3x4', optimize: 'auto' });
 * e.adjoints; // ['ik,jk->ij', 'ik,ij->jk']
 * e.run?.kind; // 'ran'
 * explore({ subscripts: 'ij,jk->il', shapes: '2x3, 3x4', optimize: 'auto' }).error;
 * // "output label 'l' appears in no input term\n  ij,jk->il\n          ^"
 * ```
 */
export function explore(query: ExplorerQuery): Exploration {
  const terms = termsOf(query.subscripts);
  const adjoints = attempt(() => terms.map((_, k) => adjoint(query.subscripts, k)));
  const shapes = attempt(() => parseShapes(query.shapes));
  const rejected = (error: string): Exploration => ({
    terms,
    plan: '',
    info: undefined,
    steps: [],
    adjoints: adjoints.value ?? [],
    run: undefined,
    error,
  });
  // The subscripts come first in the page, so their fault is reported first (adjoint parses them as einsumPath does).
  const parsed = shapes.value;
  if (parsed === undefined) return rejected(adjoints.error ?? shapes.error ?? '');
  if (query.optimize === 'optimal' && parsed.length > OPTIMAL_OPERAND_LIMIT) {
    return rejected(
      `the optimal planner searches every order: with ${parsed.length} operands (more than ` +
        `${OPTIMAL_OPERAND_LIMIT}) it could freeze this page; choose greedy or auto`,
    );
  }
  const planned = attempt(() => einsumPath(query.subscripts, parsed, { optimize: query.optimize }));
  const info = planned.value;
  if (info === undefined) return rejected(planned.error ?? '');
  const base = { terms, plan: String(info), info, steps: info.steps, adjoints: adjoints.value ?? [] };
  const ran = attempt(() => runOnRandomOperands(query, parsed, info));
  return { ...base, run: ran.value, error: adjoints.error ?? ran.error ?? '' };
}

/** The value of `compute`, or the message of what it threw. */
function attempt<T>(
  compute: () => T,
): { value: T; error?: undefined } | { value?: undefined; error: string } {
  try {
    return { value: compute() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs the planned contraction on seeded random operands, unless it exceeds {@link RUN_LIMITS}. */
function runOnRandomOperands(query: ExplorerQuery, shapes: number[][], info: PathInfo): RunOutcome {
  const skipped = (what: string, limit: number): RunOutcome => ({
    kind: 'skipped',
    reason: `not run here: ${what} exceeds the page's limit of ${limit.toExponential(0)}`,
  });
  if (info.optimizedFlops > RUN_LIMITS.flops) {
    return skipped(`${info.optimizedFlops.toExponential(1)} FLOPs`, RUN_LIMITS.flops);
  }
  const inputs = shapes.reduce((sum, shape) => sum + sizeOf(shape), 0);
  const largest = Math.max(inputs, info.largestIntermediate);
  if (largest > RUN_LIMITS.elements)
    return skipped(`${largest.toExponential(1)} elements`, RUN_LIMITS.elements);
  // Compiling allocates the intermediates (within the limit just checked), not the output: check that next.
  const expression = compile(query.subscripts, shapes, { optimize: query.optimize });
  const output = sizeOf(expression.outputShape);
  if (output > RUN_LIMITS.elements) {
    return skipped(`an output of ${output.toExponential(1)} elements`, RUN_LIMITS.elements);
  }
  const operands = shapes.map((shape, k) => randomOperand(shape, k + 1));
  const start = performance.now();
  const result = expression(...operands);
  const milliseconds = performance.now() - start;
  return { kind: 'ran', preview: previewTensor(result), milliseconds };
}

const sizeOf = (shape: readonly number[]) => shape.reduce((n, size) => n * size, 1);
