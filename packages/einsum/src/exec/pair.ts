// One pairwise contraction: classify labels (batch, kept-left, kept-right, summed), choose layouts, one gemm.

import { BroadcastProductOperation } from './broadcast.js';
import type { ProgramBuilder } from './builder.js';
import type { View } from './memory.js';
import { memoryOrder, viewSize } from './memory.js';
import type { SlotMatrix } from './product.js';
import { ProductOperation } from './product.js';

/** Where the plan's last step should land: the output's label order (sizes > 1) and whether it may go direct. */
export interface FinalTarget {
  readonly order: string;
  readonly slot: number;
  readonly direct: boolean;
}

/**
 * How the step that consumes an intermediate result reads it in place: the labels it keeps with its partner
 * first (`batch`, in the partner's order) and the labels it sums as one block (`summed`, in that order).
 */
export interface ConsumerHint {
  readonly batch: string;
  readonly summed: string;
}

interface Layout {
  readonly batch: string;
  readonly left: string;
  readonly right: string;
  readonly summed: string;
  readonly swap: boolean;
  readonly cost: number;
}

/**
 * Contracts `a` with `b` into a view with the labels of `result`, as one call of the gemm kernel (or, when
 * no label is summed, one broadcast loop). Operands are copied only when no choice of label orders lets gemm
 * read them in place.
 */
export function contractPair(
  builder: ProgramBuilder,
  a: View,
  b: View,
  result: string,
  final?: FinalTarget,
  hint?: ConsumerHint,
): View {
  const big = (label: string) => builder.sizeOf(label) > 1;
  const kept = new Set([...result].filter(big));
  const inB = new Set(b.labels);
  const inA = new Set(a.labels);
  const onlyA = [...a.labels].filter((l) => big(l) && !inB.has(l) && !kept.has(l));
  const onlyB = [...b.labels].filter((l) => big(l) && !inA.has(l) && !kept.has(l));
  if (onlyA.length > 0)
    a = builder.materialise(a, [...a.labels].filter((l) => big(l) && !onlyA.includes(l)).join(''));
  if (onlyB.length > 0)
    b = builder.materialise(b, [...b.labels].filter((l) => big(l) && !onlyB.includes(l)).join(''));
  const ones = [...result].filter((label) => !big(label)).join('');
  if (![...a.labels].some((l) => big(l) && inB.has(l) && !kept.has(l))) {
    return broadcastProduct(builder, a, b, ones, final);
  }
  const layout = chooseLayout(builder, a, b, kept, final, hint);
  const { batch, left, right, summed, swap } = layout;
  const aReady = [batch + left + summed, batch + summed + left];
  const bReady = [batch + summed + right, batch + right + summed];
  if (!aReady.includes(memoryOrder(a) ?? '\0')) a = builder.materialise(a, batch + left + summed);
  if (!bReady.includes(memoryOrder(b) ?? '\0')) b = builder.materialise(b, batch + summed + right);
  const [p, m, n, k] = [batch, left, right, summed].map((labels) => builder.countOf(labels)) as [
    number,
    number,
    number,
    number,
  ];
  const cLabels = swap ? batch + right + left : batch + left + right;
  const direct = final?.direct && cLabels === final.order;
  const slot = direct ? (final as FinalTarget).slot : builder.allocate(p * m * n);
  // A is m×k unless stored k×m (then transposed); B is k×n unless stored n×k.
  const aT = memoryOrder(a) !== batch + left + summed;
  const bT = memoryOrder(b) !== batch + summed + right;
  const matrixA: SlotMatrix = { slot: a.slot, offset: a.offset, batchStride: m * k, transposed: aT };
  const matrixB: SlotMatrix = { slot: b.slot, offset: b.offset, batchStride: k * n, transposed: bT };
  const matrixC: SlotMatrix = { slot, offset: 0, batchStride: m * n, transposed: false };
  // Cᵀ = Bᵀ·Aᵀ: swapping the operands and their transpositions yields the result stored n×m.
  builder.operations.push(
    swap
      ? new ProductOperation({ batch: p, m: n, n: m, k }, [
          { ...matrixB, transposed: !bT },
          { ...matrixA, transposed: !aT },
          matrixC,
        ])
      : new ProductOperation({ batch: p, m, n, k }, [matrixA, matrixB, matrixC]),
  );
  return builder.contiguous(slot, 0, cLabels + ones);
}

/** Outer products with fewer elements per batch than this run as the JS loop (a kernel call costs more). */
const OUTER_MIN = 64;

/**
 * A step without summed labels: every result element is one product, read in place from both operands. An
 * outer product runs as gemm with k = 1 (the SIMD kernel) when it can; the rest as one strided loop.
 */
function broadcastProduct(
  builder: ProgramBuilder,
  a: View,
  b: View,
  ones: string,
  final?: FinalTarget,
): View {
  const outer = outerProduct(builder, a, b, ones, final);
  if (outer !== undefined) return outer;
  const big = (label: string) => builder.sizeOf(label) > 1;
  const fromA = [...(memoryOrder(a) ?? a.labels)].filter(big);
  const fromB = [...(memoryOrder(b) ?? b.labels)].filter((l) => big(l) && !fromA.includes(l));
  const labels = final?.order ?? [...fromA, ...fromB].join('');
  const c = builder.contiguous(
    final?.direct ? final.slot : builder.allocate(builder.countOf(labels)),
    0,
    labels,
  );
  builder.operations.push(new BroadcastProductOperation(a, b, c));
  return builder.contiguous(c.slot, 0, labels + ones);
}

/**
 * The step as a batched outer product C[b, i, j] = A[b, i]·B[b, j] through gemm with k = 1, when both operands
 * are contiguous with their shared labels first, in the same order, and the result may be laid out as
 * batch·left·right or batch·right·left; undefined otherwise, or when each outer product is too small.
 */
function outerProduct(
  builder: ProgramBuilder,
  a: View,
  b: View,
  ones: string,
  final?: FinalTarget,
): View | undefined {
  const orderA = memoryOrder(a);
  const orderB = memoryOrder(b);
  if (orderA === null || orderB === null) return undefined;
  const batch = [...orderA].filter((label) => orderB.includes(label)).join('');
  if (!orderA.startsWith(batch) || !orderB.startsWith(batch)) return undefined;
  const left = orderA.slice(batch.length);
  const right = orderB.slice(batch.length);
  const [p, m, n] = [batch, left, right].map((labels) => builder.countOf(labels)) as [number, number, number];
  if (m < 2 || n < 2 || m * n < OUTER_MIN) return undefined;
  const plain = batch + left + right;
  const swapped = batch + right + left;
  const cLabels = final === undefined ? plain : final.order;
  if (cLabels !== plain && cLabels !== swapped) return undefined;
  const slot = final?.direct ? final.slot : builder.allocate(p * m * n);
  const matrixA: SlotMatrix = { slot: a.slot, offset: a.offset, batchStride: m, transposed: false };
  const matrixB: SlotMatrix = { slot: b.slot, offset: b.offset, batchStride: n, transposed: false };
  const matrixC: SlotMatrix = { slot, offset: 0, batchStride: m * n, transposed: false };
  builder.operations.push(
    cLabels === plain
      ? new ProductOperation({ batch: p, m, n, k: 1 }, [matrixA, matrixB, matrixC])
      : new ProductOperation({ batch: p, m: n, n: m, k: 1 }, [matrixB, matrixA, matrixC]),
  );
  return builder.contiguous(slot, 0, cLabels + ones);
}

/** Picks label orders that let gemm read both operands in place and write the final layout, if possible. */
function chooseLayout(
  builder: ProgramBuilder,
  a: View,
  b: View,
  kept: ReadonlySet<string>,
  final?: FinalTarget,
  hint?: ConsumerHint,
): Layout {
  const big = (label: string) => builder.sizeOf(label) > 1;
  const aLabels = [...a.labels].filter(big);
  const bLabels = new Set([...b.labels].filter(big));
  const aSet = new Set(aLabels);
  const groups = {
    batch: aLabels.filter((l) => bLabels.has(l) && kept.has(l)),
    left: aLabels.filter((l) => !bLabels.has(l)),
    right: [...bLabels].filter((l) => !aSet.has(l)),
    summed: aLabels.filter((l) => bLabels.has(l) && !kept.has(l)),
  };
  const orderA = memoryOrder(a);
  const orderB = memoryOrder(b);
  const sources = [orderA, orderB, final?.order ?? null];
  const options = (group: readonly string[], from: readonly (string | null)[]) => {
    const set = new Set(group);
    const found = from
      .filter((s): s is string => s !== null)
      .map((s) => [...s].filter((l) => set.has(l)).join(''));
    const arranged = hint === undefined ? [] : hinted(group, hint);
    return [...new Set([...found.filter((s) => s.length === group.length), ...arranged, group.join('')])];
  };
  const sizeA = viewSize(a);
  const sizeB = viewSize(b);
  let best: Layout | undefined;
  for (const batch of options(groups.batch, sources))
    for (const summed of options(groups.summed, [orderA, orderB]))
      for (const left of options(groups.left, [orderA, final?.order ?? null]))
        for (const right of options(groups.right, [orderB, final?.order ?? null]))
          for (const swap of [false, true]) {
            const aOk = orderA === batch + left + summed || orderA === batch + summed + left;
            const bOk = orderB === batch + summed + right || orderB === batch + right + summed;
            const cLabels = swap ? batch + right + left : batch + left + right;
            const cSize = builder.countOf(cLabels);
            const finalCopy = final !== undefined && (!final.direct || cLabels !== final.order) ? cSize : 0;
            const laterCopy = hint !== undefined && !readable(cLabels, hint) ? cSize : 0;
            const cost = (aOk ? 0 : sizeA) + (bOk ? 0 : sizeB) + finalCopy + laterCopy + (swap ? 0.5 : 0);
            if (best === undefined || cost < best.cost) best = { batch, left, right, summed, swap, cost };
          }
  return best as Layout;
}

/** Orders of a label group that suit the consumer: its batch labels first, its summed labels last or next. */
function hinted(group: readonly string[], hint: ConsumerHint): string[] {
  const pick = (order: string) => [...order].filter((l) => group.includes(l)).join('');
  const rest = group.filter((l) => !hint.batch.includes(l) && !hint.summed.includes(l)).join('');
  const [batch, summed] = [pick(hint.batch), pick(hint.summed)];
  return [batch + rest + summed, batch + summed + rest];
}

/** True when a result laid out as `labels` can be read in place by its consumer. */
function readable(labels: string, hint: ConsumerHint): boolean {
  if (!labels.startsWith(hint.batch)) return false;
  const rest = labels.slice(hint.batch.length);
  return rest.startsWith(hint.summed) || rest.endsWith(hint.summed);
}
