// EinsumError: the one error class of @rnn/einsum, with a stable code and a caret under the fault.

/**
 * The stable reason codes of {@link EinsumError}; match on `error.code`, never on the message text.
 *
 * @example
 * ```ts
 * const retryable = (code: EinsumErrorCode) => code === 'shape-mismatch';
 * ```
 */
export type EinsumErrorCode =
  | 'bad-subscripts' // the subscripts are not a string
  | 'bad-character' // a character that is not a letter, '.', ',', '-', '>' or a space
  | 'bad-arrow' // '-' without '>', '>' without '-', or more than one '->'
  | 'stray-dot' // a '.' that is not part of '...'
  | 'two-ellipses' // two '...' in one term
  | 'unknown-output-label' // an output label that no input has
  | 'operand-count' // the number of operands differs from the number of terms
  | 'rank-mismatch' // an operand's rank differs from its term's label count
  | 'size-clash' // one label bound to two different sizes (neither 1)
  | 'ragged-data' // nested arrays whose rows differ in length
  | 'non-numeric' // a value that is not a JavaScript number (NaN and ±Infinity are numbers)
  | 'bad-shape' // a shape that is not a list of non-negative integers
  | 'shape-mismatch' // data or operand whose shape or length differs from the one expected
  | 'bad-operand' // an operand that is neither a Tensor, a number, nested arrays nor a typed array
  | 'bad-optimize' // an unknown optimize option
  | 'bad-path' // an explicit contraction path that is not valid
  | 'bad-operand-index' // adjoint's operand index out of range
  | 'bad-axis' // a tensor axis out of range, repeated, or a diagonal of unequal sizes
  | 'too-large' // a tensor with more elements than a Float64Array can hold, or kernel memory past its limit
  | 'bad-dtype' // an element type that is not 'float64' or 'float32', or an output of the wrong one
  | 'bad-backend' // RNN_EINSUM_BACKEND set to something other than 'js' or 'wasm-simd' (or SIMD missing)
  | 'released'; // a resident tensor used after its arena was released

/**
 * Where in the subscripts the fault lies: shown as the subscripts with a caret line below.
 *
 * @example
 * ```ts
 * const where: FaultLocation = { subscripts: 'ij,jk->il', at: 8 }; // the 'l'
 * ```
 */
export interface FaultLocation {
  readonly subscripts: string;
  /** 0-based character index of the fault. */
  readonly at: number;
  /** Number of characters to underline (default 1). */
  readonly span?: number;
}

/**
 * Reprints the subscripts with a caret line under the fault, indented by two spaces.
 *
 * @example
 * ```ts
 * caretDisplay({ subscripts: 'ij,jk->il', at: 8 });
 * // "  ij,jk->il\n          ^"
 * ```
 */
export function caretDisplay(location: FaultLocation): string {
  const { subscripts, at } = location;
  const span = Math.max(1, location.span ?? 1);
  const column = Math.max(0, Math.min(at, subscripts.length));
  return `  ${subscripts}\n  ${' '.repeat(column)}${'^'.repeat(span)}`;
}

/**
 * The error every rejected input of @rnn/einsum throws. `code` is stable; the message names the operand
 * (0-based), the label and the sizes involved and, when the fault is in the subscripts, reprints them with a
 * caret under the fault.
 *
 * @example
 * ```ts
 * try { einsum('ij,jk->ik', a, b); } catch (e) {
 *   if (e instanceof EinsumError && e.code === 'size-clash') console.log(e.message);
 * }
 * // label 'j' has size 3 in operand 0 but size 4 in operand 1
 * //   ij,jk->ik
 * //      ^
 * ```
 */
export class EinsumError extends Error {
  readonly code: EinsumErrorCode;
  /** The location of the fault in the subscripts, when there is one. */
  readonly location: FaultLocation | undefined;

  constructor(code: EinsumErrorCode, message: string, location?: FaultLocation) {
    super(location === undefined ? message : `${message}\n${caretDisplay(location)}`);
    this.name = 'EinsumError';
    this.code = code;
    this.location = location;
  }
}
