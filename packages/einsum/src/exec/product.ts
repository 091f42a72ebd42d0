// The pairwise operations: a (batched) matrix product through the gemm kernel, and clearing an output.

import { gemm } from '../kernels/gemm.js';
import type { Memory, Operation } from './memory.js';

/** Where one gemm operand lives and how it is laid out. */
export interface MatrixOperand {
  readonly slot: number;
  readonly offset: number;
  readonly batchStride: number;
  readonly transposed: boolean;
}

/** C_p = op(A_p)·op(B_p) for every batch index p: one call of the gemm kernel. */
export class ProductOperation implements Operation {
  readonly describe: string;

  constructor(
    private readonly batch: number,
    private readonly m: number,
    private readonly n: number,
    private readonly k: number,
    private readonly a: MatrixOperand,
    private readonly b: MatrixOperand,
    private readonly c: MatrixOperand,
  ) {
    const t = (operand: MatrixOperand) => (operand.transposed ? 'ᵀ' : '');
    this.describe = `gemm ${batch}×(${m}×${k})${t(a)}·(${k}×${n})${t(b)} slots ${a.slot},${b.slot} → ${c.slot}`;
  }

  run(memory: Memory): void {
    const { a, b, c } = this;
    gemm(
      this.batch,
      this.m,
      this.n,
      this.k,
      memory.data[a.slot] as Float64Array,
      (memory.base[a.slot] as number) + a.offset,
      a.batchStride,
      a.transposed,
      memory.data[b.slot] as Float64Array,
      (memory.base[b.slot] as number) + b.offset,
      b.batchStride,
      b.transposed,
      memory.data[c.slot] as Float64Array,
      (memory.base[c.slot] as number) + c.offset,
      c.batchStride,
      false,
    );
  }
}

/** Zeroes `count` elements of a slot: the whole program when some label has size 0. */
export class ClearOperation implements Operation {
  readonly describe: string;

  constructor(
    private readonly slot: number,
    private readonly count: number,
  ) {
    this.describe = `clear ${count} of slot ${slot}`;
  }

  run(memory: Memory): void {
    const start = memory.base[this.slot] as number;
    (memory.data[this.slot] as Float64Array).fill(0, start, start + this.count);
  }
}
