// The pairwise operations: a (batched) matrix product through the gemm kernel, and the elementwise product.

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

/** c[i] = a[i]·b[i] over `count` contiguous elements: the step whose labels are all kept by both operands. */
export class ElementwiseOperation implements Operation {
  readonly describe: string;

  constructor(
    private readonly count: number,
    private readonly a: { readonly slot: number; readonly offset: number },
    private readonly b: { readonly slot: number; readonly offset: number },
    private readonly c: { readonly slot: number; readonly offset: number },
  ) {
    this.describe = `elementwise ${count} slots ${a.slot},${b.slot} → ${c.slot}`;
  }

  run(memory: Memory): void {
    const x = memory.data[this.a.slot] as Float64Array;
    const y = memory.data[this.b.slot] as Float64Array;
    const z = memory.data[this.c.slot] as Float64Array;
    const i0 = (memory.base[this.a.slot] as number) + this.a.offset;
    const j0 = (memory.base[this.b.slot] as number) + this.b.offset;
    const k0 = (memory.base[this.c.slot] as number) + this.c.offset;
    for (let n = 0; n < this.count; n++) z[k0 + n] = (x[i0 + n] as number) * (y[j0 + n] as number);
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
