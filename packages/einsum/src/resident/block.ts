// The storage of one resident tensor: its place in kernel memory, and a view of it made again after each grow.

import { EinsumError } from '../errors.js';
import type { DType, FloatArray } from '../tensor/dtype.js';
import type { ResidentStorage } from '../tensor/tensor.js';
import type { Arena } from './arena.js';
import { heap } from './heap.js';

/** One tensor's elements in kernel memory; its view is made again after the memory grows. */
export class Block implements ResidentStorage {
  private cached: FloatArray | undefined;
  private generation = -1;

  constructor(
    private readonly owner: Pick<Arena, 'released' | 'label'>,
    readonly byteOffset: number,
    private readonly length: number,
    private readonly dtype: DType,
  ) {}

  view(): FloatArray {
    if (this.owner.released) {
      throw new EinsumError('released', `a tensor of ${this.owner.label} was used after release()`);
    }
    if (this.generation !== heap.generation || this.cached === undefined) {
      const { buffer } = heap.memory;
      this.cached =
        this.dtype === 'float32'
          ? new Float32Array(buffer, this.byteOffset, this.length)
          : new Float64Array(buffer, this.byteOffset, this.length);
      this.generation = heap.generation;
    }
    return this.cached;
  }
}
