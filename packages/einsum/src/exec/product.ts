// The pairwise operations: a (batched) matrix product through the gemm kernel, and clearing an output.

import { gemm } from '../kernels/gemm.js';
import type { GemmProblem, MatrixOperand } from '../kernels/gemm-types.js';
import { stagingBytes } from '../kernels/gemm-wasm.js';
import type { Memory, Operation } from './memory.js';

/** Where one gemm operand lives in a program's memory and how it is laid out. */
export interface SlotMatrix {
  readonly slot: number;
  readonly offset: number;
  readonly batchStride: number;
  readonly transposed: boolean;
}

/** C_p = op(A_p)·op(B_p) for every batch index p: one call of the gemm kernel. */
export class ProductOperation implements Operation {
  readonly describe: string;
  readonly stagingBytes: number;
  /** The kernel's operands, pointed at this run's arrays by `run` (reused: a run allocates nothing). */
  private readonly operands: readonly [MatrixOperand, MatrixOperand, MatrixOperand];

  constructor(
    private readonly problem: GemmProblem,
    private readonly slots: readonly [SlotMatrix, SlotMatrix, SlotMatrix],
  ) {
    const [a, b, c] = slots;
    const { batch, m, n, k } = problem;
    const t = (operand: SlotMatrix) => (operand.transposed ? 'ᵀ' : '');
    this.describe = `gemm ${batch}×(${m}×${k})${t(a)}·(${k}×${n})${t(b)} slots ${a.slot},${b.slot} → ${c.slot}`;
    const strides = [a.batchStride, b.batchStride, c.batchStride] as const;
    this.stagingBytes = Math.max(
      stagingBytes(problem, strides, 'float64'),
      stagingBytes(problem, strides, 'float32'),
    );
    const empty = new Float64Array(0);
    this.operands = [
      { data: empty, offset: 0, batchStride: a.batchStride, transposed: a.transposed },
      { data: empty, offset: 0, batchStride: b.batchStride, transposed: b.transposed },
      { data: empty, offset: 0, batchStride: c.batchStride, transposed: false },
    ];
  }

  run(memory: Memory): void {
    const { operands, slots } = this;
    for (let i = 0; i < 3; i++) {
      const operand = operands[i] as MatrixOperand;
      const at = slots[i] as SlotMatrix;
      operand.data = memory.data[at.slot] as MatrixOperand['data'];
      operand.offset = (memory.base[at.slot] as number) + at.offset;
    }
    gemm(this.problem, operands[0], operands[1], operands[2]);
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
    (memory.data[this.slot] as Memory['data'][number]).fill(0, start, start + this.count);
  }
}
