// The shape of every operand EQUATIONS names, in the model's sizes, so that the site can link each contraction to
// the explorer with operands of the right shapes. The build checks every contraction against this table.
import type { Contraction } from '@rnn/core';
import { einsumPath } from '@rnn/einsum';

/**
 * Sizes of the linked examples: T steps, K vocabulary entries, H hidden units; distinct, so a mix-up is caught.
 *
 * @example
 * ```ts
 * contractionShapes(EQUATIONS['13'].bptt[0]); // [[T, K], [T, H]] = [[6, 8], [6, 5]]
 * ```
 */
export const EXAMPLE_SIZES = { T: 6, K: 8, H: 5 } as const;

type Size = keyof typeof EXAMPLE_SIZES;

/** Operand name (as EQUATIONS writes it) → the size of each axis. */
const OPERAND_AXES: Readonly<Record<string, readonly Size[]>> = {
  U: ['H', 'K'],
  W: ['H', 'H'],
  V: ['K', 'H'],
  x: ['T', 'K'],
  s: ['T', 'H'],
  s_prev: ['T', 'H'],
  's_{t-1}': ['H'],
  s_t: ['H'],
  e: ['T', 'K'],
  'ŷ_t − y_t': ['K'],
  '∂E_t/∂V': ['T', 'K', 'H'],
  '1 − s²': ['T', 'H'],
  δ: ['H', 'H'],
  δ_r: ['H'],
  Δ: ['T', 'H'],
  '∂s_t/∂s_{r+1}': ['H', 'H'],
  'J_{r+1}': ['H', 'H'],
  '∂s_t/∂s_r': ['T', 'T', 'H', 'H'],
  '∂s_r/∂W': ['T', 'H', 'H', 'H'],
  '∂s_r/∂U': ['T', 'H', 'H', 'K'],
};

/**
 * The shapes of a contraction's operands at {@link EXAMPLE_SIZES}. Throws, naming the contraction, when an
 * operand is missing from the table, has the wrong rank, or the shapes disagree on a label (einsumPath checks).
 *
 * @example
 * ```ts
 * contractionShapes(EQUATIONS['13'].bptt[0]); // [[6, 8], [6, 5]]
 * ```
 */
export function contractionShapes(contraction: Contraction): number[][] {
  const terms = contraction.subscripts.split('->')[0]?.split(',') ?? [];
  const shapes = contraction.operands.map((name, k) => {
    const axes = OPERAND_AXES[name];
    if (axes === undefined) {
      throw new Error(`lib/operand-shapes.ts has no shape for operand '${name}' of '${contraction.name}'.`);
    }
    if (axes.length !== terms[k]?.length) {
      throw new Error(
        `'${contraction.name}' (${contraction.subscripts}): operand '${name}' has ${axes.length} axes in ` +
          `lib/operand-shapes.ts but term '${terms[k]}' has ${terms[k]?.length}.`,
      );
    }
    return axes.map((size) => EXAMPLE_SIZES[size]);
  });
  try {
    einsumPath(contraction.subscripts, shapes);
  } catch (error) {
    throw new Error(
      `'${contraction.name}' (${contraction.subscripts}) at ${JSON.stringify(shapes)}: ${error}`,
    );
  }
  return shapes;
}
