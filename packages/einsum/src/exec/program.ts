// buildProgram: a plan and the operands' layouts → the operations and buffers that evaluate it, made once.

import { distinctLabels } from '../plan/cost.js';
import type { ContractionStep, EinsumPlan, PathInfo } from '../plan/index.js';
import { rowMajorStrides, sizeOf } from '../shape.js';
import { ProgramBuilder } from './builder.js';
import type { Operation, View } from './memory.js';
import { memoryOrder } from './memory.js';
import type { ConsumerHint, FinalTarget } from './pair.js';
import { contractPair } from './pair.js';
import { ClearOperation } from './product.js';

/** A compiled evaluation: run `operations` in order over operand, output and scratch slots. */
export interface Program {
  readonly operations: readonly Operation[];
  /** Element counts of the scratch slots (slot operandCount + 1 + i). */
  readonly scratchSizes: readonly number[];
  /** The largest staging space in kernel memory one of its operations may need (bytes). */
  readonly stagingBytes: number;
  /** The plan as the planner describes it. */
  readonly info: PathInfo;
}

/**
 * Turns a plan into a program for operands laid out with `operandStrides` (elements): each operand viewed in
 * place (diagonals, broadcast dimensions dropped) and reduced to the labels the planner saw, the plan's steps
 * as gemm calls or broadcast loops, and the write of the output (permuted, diagonal).
 */
export function buildProgram(plan: EinsumPlan, operandStrides: readonly (readonly number[])[]): Program {
  const { binding, output } = plan;
  const n = binding.inputs.length;
  const builder = new ProgramBuilder(n, binding.sizes);
  const views = binding.inputs.map((labels, k) => {
    const view = operandView(
      builder,
      labels,
      binding.shapes[k] as readonly number[],
      operandStrides[k] as readonly number[],
      k,
    );
    return reduceTo(builder, view, plan.inputs[k] as string);
  });

  const outputCount = sizeOf(binding.outputShape);
  const strides = rowMajorStrides(binding.outputShape);
  const outputStrides = new Map<string, number>();
  [...binding.output].forEach((label, d) => {
    outputStrides.set(label, (outputStrides.get(label) ?? 0) + (strides[d] as number));
  });
  const diagonal = output.length !== binding.output.length;
  const empty = [...binding.sizes.values()].includes(0);
  if (empty) {
    if (outputCount > 0) builder.operations.push(new ClearOperation(builder.outputSlot, outputCount));
  } else if (n === 1) {
    builder.write(views[0] as View, builder.outputSlot, 0, outputStrides, outputCount, diagonal);
  } else {
    const big = [...output].filter((label) => builder.sizeOf(label) > 1).join('');
    const final: FinalTarget = { order: big, slot: builder.outputSlot, direct: !diagonal };
    const last = runSteps(builder, views, plan.steps, final);
    if (last.slot !== builder.outputSlot) {
      builder.write(last, builder.outputSlot, 0, outputStrides, outputCount, diagonal);
    }
  }
  const stagingBytes = Math.max(0, ...builder.operations.map((operation) => operation.stagingBytes ?? 0));
  return {
    operations: builder.operations,
    scratchSizes: builder.scratchSizes,
    stagingBytes,
    info: plan.info,
  };
}

/** Operand k as a view: size-1 dimensions broadcast against a larger size dropped, repeated labels merged. */
function operandView(
  builder: ProgramBuilder,
  labels: string,
  shape: readonly number[],
  strides: readonly number[],
  slot: number,
): View {
  const stride = new Map<string, number>();
  for (let d = 0; d < labels.length; d++) {
    const label = labels[d] as string;
    if (shape[d] === 1 && builder.sizeOf(label) !== 1) continue;
    stride.set(label, (stride.get(label) ?? 0) + (strides[d] as number));
  }
  const kept = [...stride.keys()].join('');
  return {
    slot,
    offset: 0,
    labels: kept,
    sizes: [...kept].map((l) => builder.sizeOf(l)),
    strides: [...stride.values()],
  };
}

/**
 * The view with only the labels `keep` (a subsequence of its own, as the plan says): the others, which no other
 * operand and not the output holds, are summed away, or simply dropped when they all have size 1.
 */
function reduceTo(builder: ProgramBuilder, view: View, keep: string): View {
  if (keep.length === view.labels.length) return view;
  const summedSizes = [...view.labels].filter((l) => !keep.includes(l)).map((l) => builder.sizeOf(l));
  if (summedSizes.every((size) => size === 1)) {
    const dims = [...view.labels].map((l, d) => [l, d] as const).filter(([l]) => keep.includes(l));
    return {
      ...view,
      labels: keep,
      sizes: dims.map(([, d]) => view.sizes[d] as number),
      strides: dims.map(([, d]) => view.strides[d] as number),
    };
  }
  return builder.materialise(view, keep);
}

/** Runs the plan's steps over the operand list; a step of three or more operands is folded pairwise. */
function runSteps(
  builder: ProgramBuilder,
  views: View[],
  steps: readonly ContractionStep[],
  final: FinalTarget,
): View {
  const list = [...views];
  const hints = consumerHints(builder, views, steps);
  steps.forEach((step, index) => {
    const operands = step.operands.map((position) => list[position] as View);
    for (const position of [...step.operands].sort((x, y) => y - x)) list.splice(position, 1);
    const target = index === steps.length - 1 ? final : undefined;
    let acc = operands[0] as View;
    if (operands.length === 1) {
      acc = builder.materialise(acc, step.result);
    }
    for (let j = 1; j < operands.length; j++) {
      const later =
        operands
          .slice(j + 1)
          .map((view) => view.labels)
          .join('') + step.result;
      const next = operands[j] as View;
      const needed = distinctLabels([acc.labels + next.labels])
        .split('')
        .filter((label) => later.includes(label))
        .join('');
      const isLast = j === operands.length - 1;
      acc = isLast
        ? contractPair(builder, acc, next, step.result, target, hints[index])
        : contractPair(builder, acc, next, needed);
    }
    list.push(acc);
  });
  if (list.length !== 1) throw new Error(`internal: the plan left ${list.length} operands`);
  return list[0] as View;
}

/**
 * For each step whose result a later two-operand step consumes, how that step will read it: the labels it
 * keeps with its partner and the labels it sums, in the partner's order (its memory order when the partner
 * is an operand, the planner's order otherwise).
 */
function consumerHints(
  builder: ProgramBuilder,
  views: readonly View[],
  steps: readonly ContractionStep[],
): (ConsumerHint | undefined)[] {
  const big = (label: string) => builder.sizeOf(label) > 1;
  const ids = views.map((_, k) => k);
  const hints: (ConsumerHint | undefined)[] = steps.map(() => undefined);
  steps.forEach((step, index) => {
    const consumed = step.operands.map((position) => ids[position] as number);
    for (const position of [...step.operands].sort((x, y) => y - x)) ids.splice(position, 1);
    ids.push(views.length + index);
    if (consumed.length !== 2) return;
    consumed.forEach((id, side) => {
      if (id < views.length) return;
      const partner = consumed[1 - side] as number;
      const partnerView = views[partner];
      const partnerOrder =
        partnerView !== undefined
          ? (memoryOrder(partnerView) ?? partnerView.labels)
          : (step.inputs[1 - side] as string);
      const mine = step.inputs[side] as string;
      const shared = [...partnerOrder].filter((l) => big(l) && mine.includes(l));
      hints[id - views.length] = {
        batch: shared.filter((l) => step.result.includes(l)).join(''),
        summed: shared.filter((l) => !step.result.includes(l)).join(''),
      };
    });
  });
  return hints;
}
