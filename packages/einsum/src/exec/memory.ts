// The executor's vocabulary: storage slots, strided views of them, and the operations a program runs.

import type { FloatArray } from '../tensor/dtype.js';

/**
 * Storage of a running program: `data[slot]` is an array and `base[slot]` the element where the slot's tensor
 * starts. Slots 0…n−1 are the operands, slot n the output, the rest preallocated intermediates. Every array
 * of one run has the program's element type.
 */
export interface Memory {
  readonly data: FloatArray[];
  readonly base: number[];
  /**
   * Slots whose storage lives in kernel memory (an arena's tensors): their view is read again at the start of
   * every run, since growing the memory replaces it.
   */
  readonly resident: readonly { readonly slot: number; readonly storage: { readonly data: FloatArray } }[];
}

/** A strided view of a slot; its labels are distinct, one size and one stride (elements) per label. */
export interface View {
  readonly slot: number;
  readonly offset: number;
  readonly labels: string;
  readonly sizes: readonly number[];
  readonly strides: readonly number[];
}

/** One operation of a compiled program; `run` never allocates. */
export interface Operation {
  run(memory: Memory): void;
  /** A one-line description for debugging and tests. */
  readonly describe: string;
  /** Staging bytes in kernel memory the operation may need, reserved when the program is built. */
  readonly stagingBytes?: number;
}

/** The element count of a view. */
export function viewSize(view: View): number {
  let count = 1;
  for (const size of view.sizes) count *= size;
  return count;
}

/**
 * The labels of a view in memory order when it is contiguous row-major in some order of its labels (labels of
 * size 1 left out: they do not move an address), else null.
 */
export function memoryOrder(view: View): string | null {
  const dims: number[] = [];
  for (let d = 0; d < view.labels.length; d++) if ((view.sizes[d] as number) > 1) dims.push(d);
  dims.sort((x, y) => (view.strides[y] as number) - (view.strides[x] as number));
  let expected = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    const d = dims[i] as number;
    if (view.strides[d] !== expected) return null;
    expected *= view.sizes[d] as number;
  }
  return dims.map((d) => view.labels[d]).join('');
}
