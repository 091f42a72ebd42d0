// The contraction path as a tree to draw: the operands as leaves, each pairwise (or unary) step as a node above them.
import type { ContractionStep } from '@rnn/einsum';

/**
 * One box of the diagram: an operand, or a step's result.
 *
 * @example
 * ```ts
 * const leaf: DiagramNode = { id: 0, labels: 'ij', x: 0, y: 0 };
 * ```
 */
export interface DiagramNode {
  readonly id: number;
  /** The labels of the tensor, with '…' for the dimensions '...' stands for. */
  readonly labels: string;
  /** Column (may be fractional: a step sits above the middle of its inputs) and row (0: the operands). */
  readonly x: number;
  readonly y: number;
  /** For a step: its number (1-based), the labels it sums, and its FLOP count. */
  readonly step?: { readonly index: number; readonly summed: string; readonly flops: number };
}

/**
 * The nodes and the edges (input → step) of a path, and its extent in columns and rows.
 *
 * @example
 * ```ts
 * const { nodes, edges }: PathDiagram = layoutPath(['ij', 'jk'], steps);
 * ```
 */
export interface PathDiagram {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly { readonly from: number; readonly to: number }[];
  readonly columns: number;
  readonly rows: number;
}

/**
 * Shows labels the way the reader wrote them: the library names the dimensions of '...' with characters beyond
 * a–z and A–Z, which print as one '…'; an empty label string (a 0-d tensor) prints as '()'.
 *
 * @example
 * ```ts
 * readableLabels('Āik'); // '…ik'
 * ```
 */
export function readableLabels(labels: string): string {
  if (labels === '') return '()';
  return labels.replace(/[^A-Za-z.]+/g, '…').replace(/\.\.\./g, '…');
}

/**
 * Lays out a plan: operand k at column k of row 0; each step one row above the highest of its inputs, centred
 * over them; edges from each input to the step that consumes it. The list of current operands follows numpy's
 * convention (a step removes its operands and appends its result).
 *
 * @example
 * ```ts
 * const d = layoutPath(['ij', 'jk'], einsumPath('ij,jk->ik', [[2, 3], [3, 4]]).steps);
 * d.nodes.at(-1); // { id: 2, labels: 'ik', x: 0.5, y: 1, step: { index: 1, summed: 'j', flops: 48 } }
 * ```
 */
export function layoutPath(terms: readonly string[], steps: readonly ContractionStep[]): PathDiagram {
  const nodes: DiagramNode[] = terms.map((term, k) => ({ id: k, labels: readableLabels(term), x: k, y: 0 }));
  const edges: { from: number; to: number }[] = [];
  const current = nodes.map((node) => node.id);
  steps.forEach((step, index) => {
    const consumed = step.operands.map((position) => current[position] ?? -1);
    for (const position of [...step.operands].sort((a, b) => b - a)) current.splice(position, 1);
    const inputs = consumed.map((id) => nodes[id]).filter((node) => node !== undefined);
    const id = nodes.length;
    nodes.push({
      id,
      labels: readableLabels(step.result),
      x: inputs.reduce((sum, node) => sum + node.x, 0) / Math.max(1, inputs.length),
      y: 1 + Math.max(0, ...inputs.map((node) => node.y)),
      step: { index: index + 1, summed: readableLabels(step.summed).replace('()', ''), flops: step.flops },
    });
    for (const node of inputs) edges.push({ from: node.id, to: id });
    current.push(id);
  });
  return {
    nodes,
    edges,
    columns: Math.max(1, terms.length),
    rows: 1 + Math.max(0, ...nodes.map((node) => node.y)),
  };
}
