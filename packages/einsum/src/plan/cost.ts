// Cost model shared by every planner: result sizes and opt_einsum's (and numpy's) flop count.

/**
 * The number of elements of a tensor with these labels (1 for no labels): the product of their sizes. The
 * planner and the executor both count with it.
 *
 * @example
 * ```ts
 * labelCount('ij', new Map([['i', 2], ['j', 3]])); // 6
 * ```
 */
export function labelCount(labels: string, sizes: ReadonlyMap<string, number>): number {
  let size = 1;
  for (const label of labels) size *= sizes.get(label) ?? 1;
  return size;
}

/**
 * opt_einsum's flop count, the one numpy's `einsum_path` reports: the product of the sizes of every label the
 * contraction touches, times `max(terms − 1, 1)` (the multiplications of one term), plus one more factor when
 * anything is summed (the additions). A matrix product m×k·k×n thus costs 2·m·k·n.
 *
 * @example
 * ```ts
 * const sizes = new Map([['i', 2], ['j', 3], ['k', 4]]);
 * flopCount('ijk', true, 2, sizes); // 48 = 2·3·4 · (1 + 1)
 * ```
 */
export function flopCount(
  labels: string,
  summing: boolean,
  terms: number,
  sizes: ReadonlyMap<string, number>,
): number {
  const factor = Math.max(terms - 1, 1) + (summing ? 1 : 0);
  return labelCount(labels, sizes) * factor;
}

/**
 * The cost of evaluating the whole einsum in one step, as a single loop over every label (numpy's "naive").
 *
 * @example
 * ```ts
 * const sizes = new Map([['i', 2], ['j', 3], ['k', 4], ['l', 5]]);
 * naiveFlops(['ij', 'jk', 'kl'], 'il', sizes); // 360 = 2·3·4·5 · (2 + 1)
 * ```
 */
export function naiveFlops(
  inputs: readonly string[],
  output: string,
  sizes: ReadonlyMap<string, number>,
): number {
  const labels = distinctLabels([...inputs, output]);
  const summing = [...labels].some((label) => !output.includes(label));
  return flopCount(labels, summing, inputs.length, sizes);
}

/**
 * The distinct labels of several label strings, in order of first appearance.
 *
 * @example
 * ```ts
 * distinctLabels(['ij', 'jk']); // 'ijk'
 * ```
 */
export function distinctLabels(terms: readonly string[]): string {
  const seen = new Set<string>();
  for (const term of terms) for (const label of term) seen.add(label);
  return [...seen].join('');
}
