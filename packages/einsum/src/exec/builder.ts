// ProgramBuilder: collects a program's operations and intermediate buffers while a plan is turned into code.

import { EinsumError } from '../errors.js';
import { labelCount } from '../plan/cost.js';
import { MAX_ELEMENTS } from '../shape.js';
import type { Operation, View } from './memory.js';
import { viewSize } from './memory.js';
import type { Loop } from './strided.js';
import { StridedOperation } from './strided.js';

/** Accumulates operations and scratch slots; slot numbers follow the `Memory` convention. */
export class ProgramBuilder {
  readonly operations: Operation[] = [];
  /** Element counts of the scratch slots, which start at `operandCount + 1`. */
  readonly scratchSizes: number[] = [];

  constructor(
    readonly operandCount: number,
    readonly sizes: ReadonlyMap<string, number>,
  ) {}

  /** The slot of the result tensor. */
  get outputSlot(): number {
    return this.operandCount;
  }

  /** A new scratch slot of `count` elements. */
  allocate(count: number): number {
    if (count > MAX_ELEMENTS) {
      throw new EinsumError(
        'too-large',
        `an intermediate of ${count} elements (over ${MAX_ELEMENTS}) would be needed; try another optimize option or path`,
      );
    }
    this.scratchSizes.push(count);
    return this.operandCount + this.scratchSizes.length;
  }

  /** The size of a label (every label of a bound equation has one). */
  sizeOf(label: string): number {
    return this.sizes.get(label) as number;
  }

  /** The number of elements over these labels (the product of their sizes). */
  countOf(labels: string): number {
    return labelCount(labels, this.sizes);
  }

  /** A contiguous view of `labels` in that order, stored from `offset` of `slot`. */
  contiguous(slot: number, offset: number, labels: string): View {
    const sizes = [...labels].map((label) => this.sizeOf(label));
    const strides = new Array<number>(labels.length);
    let stride = 1;
    for (let d = labels.length - 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= sizes[d] as number;
    }
    return { slot, offset, labels, sizes, strides };
  }

  /**
   * Copies `view` into a new contiguous buffer whose labels are `labels` in that order, summing the view's
   * labels missing from `labels`.
   */
  materialise(view: View, labels: string): View {
    const target = this.contiguous(0, 0, labels);
    const slot = this.allocate(viewSize(target));
    const result = { ...target, slot };
    this.write(view, slot, 0, strideMap(result), viewSize(result));
    return result;
  }

  /**
   * Writes `view` into `slot` from `offset` with the given stride per label: labels without a stride are
   * summed, labels sharing memory (a repeated output label, `diagonal`) write a diagonal. The destination's
   * `extent` elements are cleared first when the writes accumulate or do not cover it.
   */
  write(
    view: View,
    slot: number,
    offset: number,
    strides: ReadonlyMap<string, number>,
    extent: number,
    diagonal = false,
  ): void {
    const loops: Loop[] = [];
    let sums = false;
    for (let d = 0; d < view.labels.length; d++) {
      const size = view.sizes[d] as number;
      const targetStride = strides.get(view.labels[d] as string) ?? 0;
      if (targetStride === 0 && size > 1) sums = true;
      loops.push({ size, sourceStride: view.strides[d] as number, targetStride });
    }
    const clear = sums || diagonal ? extent : 0;
    this.operations.push(new StridedOperation(view.slot, view.offset, slot, offset, loops, clear));
  }
}

/** The stride of each label of a view. */
export function strideMap(view: View): Map<string, number> {
  return new Map([...view.labels].map((label, d) => [label, view.strides[d] as number]));
}
