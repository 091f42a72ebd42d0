// A strided copy, reduction or diagonal write between two slots: the planned copy kernel, plus clearing.

import { type Loop, StridedCopy } from '../kernels/copy.js';
import { countCopy } from '../resident/heap.js';
import type { Memory, Operation } from './memory.js';

export type { Loop } from '../kernels/copy.js';

/**
 * dst[dOff + Σ i·targetStride] (+)= src[sOff + Σ i·sourceStride] over every index of the loops. A loop with
 * targetStride 0 sums; a destination shared by several loops (strides added) writes a diagonal. With `clear`,
 * the `clear` elements from the destination offset are zeroed first. A copy (not a sum) is counted in
 * `memoryStats()`: it is data moved, not arithmetic.
 */
export class StridedOperation implements Operation {
  readonly describe: string;
  private readonly copy: StridedCopy;
  private readonly count: number;

  constructor(
    private readonly source: number,
    private readonly sourceOffset: number,
    private readonly target: number,
    private readonly targetOffset: number,
    loops: readonly Loop[],
    private readonly clear: number,
  ) {
    this.copy = new StridedCopy(loops);
    this.count = this.copy.kind === 'sum' ? 0 : loops.reduce((count, loop) => count * loop.size, 1);
    this.describe = `${this.copy.describe} slot ${source} → slot ${target}${clear > 0 ? ' cleared' : ''}`;
  }

  run(memory: Memory): void {
    const src = memory.data[this.source] as Memory['data'][number];
    const dst = memory.data[this.target] as Memory['data'][number];
    const s = (memory.base[this.source] as number) + this.sourceOffset;
    const d = (memory.base[this.target] as number) + this.targetOffset;
    if (this.clear > 0) dst.fill(0, d, d + this.clear);
    this.copy.run(src, s, dst, d);
    if (this.count > 0) countCopy(this.count, dst.BYTES_PER_ELEMENT);
  }
}
