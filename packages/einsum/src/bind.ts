// bind: equation + operand shapes → one label per dimension and one size per label, with every check.

import { EinsumError } from './errors.js';
import type { Equation, Term } from './parse.js';
import { checkShape, MAX_ELEMENTS, sizeOf } from './shape.js';

/** An equation bound to shapes: every dimension has a label; '...' dimensions have private labels. */
export interface Binding {
  readonly equation: Equation;
  /** Per operand, one label per dimension (repeats kept); ellipsis dimensions use characters from U+0100. */
  readonly inputs: readonly string[];
  /** The output's labels, one per dimension (repeats kept, e.g. 'ii'). */
  readonly output: string;
  /** The broadcast size of every label (a size-1 dimension yields to any other size). */
  readonly sizes: ReadonlyMap<string, number>;
  readonly shapes: readonly (readonly number[])[];
  readonly outputShape: readonly number[];
}

/** The private label of the ellipsis dimension at position `p` of the broadcast ellipsis shape. */
export const ellipsisLabel = (p: number): string => String.fromCharCode(0x100 + p);

/** True for the private labels that stand for ellipsis dimensions. */
export const isEllipsisLabel = (label: string): boolean => label.charCodeAt(0) >= 0x100;

interface Seen {
  size: number;
  operand: number;
}

/** Binds `equation` to operand shapes, as numpy broadcasts: right-aligned ellipses, size-1 dimensions yield. */
export function bind(equation: Equation, shapes: readonly (readonly number[])[]): Binding {
  const { subscripts, inputs: terms } = equation;
  if (!Array.isArray(shapes))
    throw new EinsumError('bad-shape', 'the shapes must be an array with one shape per operand');
  if (shapes.length !== terms.length) {
    throw new EinsumError(
      'operand-count',
      `the subscripts have ${terms.length} input term${terms.length === 1 ? '' : 's'} but ${shapes.length} operand${shapes.length === 1 ? ' was' : 's were'} given`,
      { subscripts, at: subscripts.length },
    );
  }
  shapes.forEach((shape, k) => {
    checkShape(shape, `the shape of operand ${k}`);
  });
  const ellipsisRanks = terms.map((term, k) =>
    ellipsisRank(subscripts, term, shapes[k] as readonly number[], k),
  );
  const broadcastRank = Math.max(0, ...ellipsisRanks);
  const sizes = new Map<string, Seen>();
  const inputs = terms.map((term, k) => {
    const shape = shapes[k] as readonly number[];
    const labels = expand(term, broadcastRank, ellipsisRanks[k] as number);
    const own = new Map<string, number>();
    for (let d = 0; d < labels.length; d++) {
      const label = labels[d] as string;
      const size = shape[d] as number;
      const at = locate(term, d, ellipsisRanks[k] as number);
      const earlier = own.get(label);
      if (earlier !== undefined && earlier !== size) {
        throw new EinsumError(
          'size-clash',
          `label '${label}' repeats in operand ${k} with sizes ${earlier} and ${size}; a repeated label needs equal sizes`,
          { subscripts, at },
        );
      }
      own.set(label, size);
      const seen = sizes.get(label);
      if (seen === undefined || seen.size === 1) sizes.set(label, { size, operand: k });
      else if (size !== 1 && size !== seen.size) throw clash(subscripts, term, label, seen, size, k, at);
    }
    return labels;
  });
  const output = expand(equation.output, broadcastRank, broadcastRank);
  const labelSizes = new Map([...sizes].map(([label, seen]) => [label, seen.size]));
  const outputShape = [...output].map((label) => labelSizes.get(label) as number);
  const count = sizeOf(outputShape);
  if (count > MAX_ELEMENTS) {
    throw new EinsumError(
      'too-large',
      `the result [${outputShape.join(', ')}] has ${count} elements, over ${MAX_ELEMENTS}`,
    );
  }
  return { equation, inputs, output, sizes: labelSizes, shapes, outputShape };
}

/** How many dimensions the term's '...' covers in an operand of this shape; checks the rank. */
function ellipsisRank(subscripts: string, term: Term, shape: readonly number[], k: number): number {
  const named = term.labels.length;
  const extra = shape.length - named;
  const shown = `shape [${shape.join(', ')}]`;
  const text = subscripts.slice(term.start, term.end).trim();
  if (term.ellipsisAt === -1 && extra !== 0) {
    const hint = extra > 0 ? "; add '...' to the term to broadcast over the extra ones" : '';
    throw new EinsumError(
      'rank-mismatch',
      `operand ${k} has ${shape.length} dimension${shape.length === 1 ? '' : 's'} (${shown}) but its term '${text}' names ${named}${hint}`,
      { subscripts, at: term.start, span: Math.max(1, term.end - term.start) },
    );
  }
  if (extra < 0) {
    throw new EinsumError(
      'rank-mismatch',
      `operand ${k} has ${shape.length} dimension${shape.length === 1 ? '' : 's'} (${shown}) but its term '${text}' names at least ${named}`,
      { subscripts, at: term.start, span: Math.max(1, term.end - term.start) },
    );
  }
  return term.ellipsisAt === -1 ? 0 : extra;
}

/** The term's labels with its '...' replaced by the last `rank` of the `broadcastRank` private labels. */
function expand(term: Term, broadcastRank: number, rank: number): string {
  if (term.ellipsisAt === -1) return term.labels;
  let middle = '';
  for (let p = broadcastRank - rank; p < broadcastRank; p++) middle += ellipsisLabel(p);
  return term.labels.slice(0, term.ellipsisAt) + middle + term.labels.slice(term.ellipsisAt);
}

/** The character index in the subscripts of dimension `d` of the term (the '...' for ellipsis dimensions). */
function locate(term: Term, d: number, rank: number): number {
  if (term.ellipsisAt === -1 || d < term.ellipsisAt) return term.positions[d] as number;
  if (d < term.ellipsisAt + rank) return term.ellipsisPosition;
  return term.positions[d - rank] as number;
}

function clash(
  subscripts: string,
  term: Term,
  label: string,
  seen: Seen,
  size: number,
  k: number,
  at: number,
) {
  if (label.charCodeAt(0) < 0x100) {
    return new EinsumError(
      'size-clash',
      `label '${label}' has size ${seen.size} in operand ${seen.operand} but size ${size} in operand ${k}`,
      { subscripts, at },
    );
  }
  return new EinsumError(
    'size-clash',
    `the dimensions under '...' do not broadcast: size ${seen.size} in operand ${seen.operand} against size ${size} in operand ${k}`,
    { subscripts, at: term.ellipsisPosition === -1 ? at : term.ellipsisPosition, span: 3 },
  );
}
