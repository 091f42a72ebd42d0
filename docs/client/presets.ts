// The explorer's presets: the classic einsum examples; the derivation's equations come from EQUATIONS at build time.

/**
 * An equation and operand shapes the explorer can be filled with.
 *
 * @example
 * ```ts
 * const trace: Preset = { id: 'trace', label: 'Trace', subscripts: 'ii->', shapes: '4x4' };
 * ```
 */
export interface Preset {
  readonly id: string;
  readonly label: string;
  readonly subscripts: string;
  /** As the shapes input shows them: '2x3, 3x4'. */
  readonly shapes: string;
}

/**
 * Matrix products, a trace, a diagonal, broadcasting over '...' and opt_einsum's five-operand network (whose
 * planned cost is 625 times below the naive loop's).
 *
 * @example
 * ```ts
 * EXAMPLE_PRESETS[0]; // { id: 'matmul', label: 'Matrix product', subscripts: 'ij,jk->ik', shapes: '2x3, 3x4' }
 * ```
 */
export const EXAMPLE_PRESETS: readonly Preset[] = [
  { id: 'matmul', label: 'Matrix product', subscripts: 'ij,jk->ik', shapes: '2x3, 3x4' },
  { id: 'batched', label: 'Batched matrix product', subscripts: 'bij,bjk->bik', shapes: '8x2x3, 8x3x4' },
  { id: 'trace', label: 'Trace', subscripts: 'ii->', shapes: '4x4' },
  { id: 'diagonal', label: 'Diagonal', subscripts: 'ii->i', shapes: '4x4' },
  {
    id: 'ellipsis',
    label: 'Broadcasting with ...',
    subscripts: '...ij,...jk->...ik',
    shapes: '5x1x2x3, 4x3x2',
  },
  {
    id: 'network',
    label: 'A five-operand network',
    subscripts: 'pi,qj,ijkl,rk,sl->pqrs',
    shapes: '10x10, 10x10, 10x10x10x10, 10x10, 10x10',
  },
];
