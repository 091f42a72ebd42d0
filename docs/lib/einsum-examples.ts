// Build-time einsum examples: calls run on counting tensors, and the EinsumErrors that rejected calls throw.
import { EinsumError, einsum, type Tensor, tensor } from '@rnn/einsum';

/**
 * One call and what it returned, both as text.
 *
 * @example
 * ```ts
 * const example: Example = run('ij->', [2, 3]); // { call: "einsum('ij->', counting(2, 3))", result: 'shape []: 21' }
 * ```
 */
export interface Example {
  readonly call: string;
  readonly result: string;
}

/**
 * One rejected call and the EinsumError it threw.
 *
 * @example
 * ```ts
 * const e: ErrorExample = rejected('…', () => einsum('ij->ik', counting(2, 3))); // e.code: 'unknown-output-label'
 * ```
 */
export interface ErrorExample {
  readonly call: string;
  readonly code: string;
  readonly message: string;
}

/**
 * A tensor of the given shape holding 1, 2, 3, … (row-major), so results are easy to check by hand.
 *
 * @example
 * ```ts
 * counting(2, 2).toArray(); // [[1, 2], [3, 4]]
 * ```
 */
export const counting = (...shape: number[]): Tensor =>
  tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i + 1),
    shape,
  );

const show = (value: unknown) => JSON.stringify(value);

/**
 * Runs einsum on counting tensors of the given shapes and shows the call and the result (shape and values).
 *
 * @example
 * ```ts
 * run('ij->', [2, 3]); // { call: "einsum('ij->', counting(2, 3))", result: 'shape []: 21' }
 * ```
 */
export function run(subscripts: string, ...shapes: number[][]): Example {
  const result = einsum(subscripts, ...shapes.map((shape) => counting(...shape)));
  const operands = shapes.map((shape) => `counting(${shape.join(', ')})`).join(', ');
  return {
    call: `einsum('${subscripts}'${operands ? `, ${operands}` : ''})`,
    result: `shape ${show(result.shape)}: ${show(result.toArray())}`,
  };
}

/**
 * Calls `attempt`, which must throw an EinsumError, and keeps its code and message; anything else fails the build.
 *
 * @example
 * ```ts
 * rejected("einsum('ij->ik', …)", () => einsum('ij->ik', counting(2, 3))).code; // 'unknown-output-label'
 * ```
 */
export function rejected(call: string, attempt: () => unknown): ErrorExample {
  try {
    attempt();
  } catch (error) {
    if (error instanceof EinsumError) return { call, code: error.code, message: error.message };
    throw new Error(`${call} threw ${String(error)}, not an EinsumError.`);
  }
  throw new Error(`${call} was expected to throw an EinsumError but returned normally.`);
}
