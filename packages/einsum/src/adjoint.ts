// adjoint: the einsum that maps the gradient of an einsum's output to the gradient of one operand.

import { EinsumError } from './errors.js';
import type { Term } from './parse.js';
import { parse } from './parse.js';

const ELLIPSIS = '...';

/** A term written back as subscripts, '...' in place. */
function write(term: Term): string {
  if (term.ellipsisAt === -1) return term.labels;
  return term.labels.slice(0, term.ellipsisAt) + ELLIPSIS + term.labels.slice(term.ellipsisAt);
}

/**
 * The einsum whose operands are (the gradient G of the output, then the other operands in order) and whose
 * result is the gradient with respect to operand `operand`: ∂⟨G, f(…)⟩/∂A_k. Labels found only in operand
 * `operand` were summed away, so the gradient is constant along them: for each, in alphabetical order, the
 * returned string takes one more operand, a ones vector of that label's size (and, if the operand's '...' was
 * summed away, a final ones tensor of the ellipsis' shape). A label repeated in the operand becomes a
 * repeated output label (a diagonal). Where the operand was broadcast (a size-1 dimension against a larger
 * one, or a '...' covering fewer dimensions than another operand's), the result has the broadcast shape: sum
 * it over the broadcast dimensions to get the operand's gradient.
 *
 * @example
 * ```ts
 * adjoint('ij,jk->ik', 0); // 'ik,jk->ij'
 * adjoint('ij,jk->ik', 1); // 'ik,ij->jk'
 * adjoint('ij->i', 0);     // 'i,j->ij'   (operands: G, ones(J))
 * adjoint('ii->', 0);      // ',i->ii'    (operands: G, ones(I))
 * ```
 */
export function adjoint(subscripts: string, operand: number): string {
  const equation = parse(subscripts);
  const terms = equation.inputs;
  if (!Number.isInteger(operand) || operand < 0 || operand >= terms.length) {
    throw new EinsumError(
      'bad-operand-index',
      `operand ${operand} does not exist: '${subscripts}' has ${terms.length} operand${terms.length === 1 ? '' : 's'} (0 to ${terms.length - 1})`,
    );
  }
  const target = terms[operand] as Term;
  const others = terms.filter((_, k) => k !== operand);
  const known = [equation.output, ...others];
  const alone = [...new Set(target.labels)].filter(
    (label) => !known.some((term) => term.labels.includes(label)),
  );
  alone.sort();
  const ellipsisAlone = target.ellipsisAt !== -1 && !known.some((term) => term.ellipsisAt !== -1);
  const inputs = [
    write(equation.output),
    ...others.map(write),
    ...alone,
    ...(ellipsisAlone ? [ELLIPSIS] : []),
  ];
  return `${inputs.join(',')}->${write(target)}`;
}
