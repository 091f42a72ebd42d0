// Test oracle: einsum by brute force over every label assignment, written independently of src/.

import type { FloatArray, Tensor } from '../src/index.js';

/**
 * Evaluates `subscripts` by summing the product over every assignment of every label (incl. '...' dims).
 * `terms` is the number of products summed into each output element.
 */
export function naiveEinsum(
  subscripts: string,
  operands: readonly Tensor<FloatArray>[],
): { shape: number[]; values: number[]; terms: number } {
  const compact = subscripts.replaceAll(' ', '').replaceAll('...', '*');
  const [left, right] = compact.split('->') as [string, string | undefined];
  const terms = left.split(',');
  const ellipsisRank = Math.max(
    0,
    ...terms.map((t, k) => (t.includes('*') ? (operands[k]?.shape.length ?? 0) - (t.length - 1) : 0)),
  );
  const ellipsis = Array.from({ length: ellipsisRank }, (_, p) => String.fromCharCode(0x3b1 + p)); // α, β, …
  const expand = (term: string, rank: number) =>
    term.includes('*') ? term.replace('*', ellipsis.slice(ellipsisRank - rank).join('')) : term;
  const inputs = terms.map((t, k) => [
    ...expand(t, t.includes('*') ? (operands[k]?.shape.length ?? 0) - (t.length - 1) : 0),
  ]);
  let output: string[];
  if (right === undefined) {
    const counts = new Map<string, number>();
    for (const t of terms) for (const c of t.replace('*', '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    const once = [...counts]
      .filter(([, n]) => n === 1)
      .map(([c]) => c)
      .sort();
    output = [...(compact.includes('*') ? ellipsis : []), ...once];
  } else output = [...expand(right, ellipsisRank)];
  const size = new Map<string, number>();
  inputs.forEach((labels, k) => {
    labels.forEach((label, d) => {
      const s = operands[k]?.shape[d] as number;
      if (!size.has(label) || size.get(label) === 1) size.set(label, s);
    });
  });
  const all = [...new Set(inputs.flat())];
  const shape = output.map((label) => size.get(label) as number);
  const outStrides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const values = new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0);
  const value = new Map<string, number>();
  const visit = (depth: number): void => {
    if (depth === all.length) {
      let product = 1;
      inputs.forEach((labels, k) => {
        const index = labels.map((label, d) =>
          (operands[k]?.shape[d] as number) === 1 ? 0 : (value.get(label) as number),
        );
        product *= (operands[k] as Tensor<FloatArray>).at(...index);
      });
      let position = 0;
      output.forEach((label, d) => {
        position += (value.get(label) as number) * (outStrides[d] as number);
      });
      values[position] = (values[position] as number) + product;
      return;
    }
    const label = all[depth] as string;
    for (let i = 0; i < (size.get(label) as number); i++) {
      value.set(label, i);
      visit(depth + 1);
    }
  };
  visit(0);
  // a repeated output label ('i->ii') is reached only where its positions agree: the rest stays zero
  const assignments = all.reduce((count, label) => count * (size.get(label) as number), 1);
  const outputs = [...new Set(output)].reduce((count, label) => count * (size.get(label) as number), 1);
  return { shape, values, terms: outputs === 0 ? 0 : assignments / outputs };
}
