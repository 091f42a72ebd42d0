// Running a program: its preallocated memory, the run itself, and releasing the caller's arrays afterwards.

import { wasmKernels } from '../kernels/backend.js';
import type { Arena } from '../resident/arena.js';
import { heap } from '../resident/heap.js';
import { allocate, type DType, type FloatArray } from '../tensor/dtype.js';
import type { Memory } from './memory.js';
import type { Program } from './program.js';

const EMPTY = new Float64Array(0);

/**
 * Allocates a program's scratch buffers once, of `dtype` (in `arena`, when given, so that the kernels read
 * and write them in place); operand and output slots are filled per call. Also reserves the kernels' staging
 * space the program's products may need, so that running it never grows the kernel memory (and never
 * detaches a resident tensor's view).
 */
export function createMemory(program: Program, operandCount: number, dtype: DType, arena?: Arena): Memory {
  const data: FloatArray[] = new Array(operandCount + 1).fill(EMPTY);
  const resident: { slot: number; storage: { readonly data: FloatArray } }[] = [];
  for (const size of program.scratchSizes) {
    if (arena === undefined) data.push(allocate(dtype, size));
    else {
      const storage = arena.zeros([size], { dtype, name: 'scratch' });
      resident.push({ slot: data.length, storage });
      data.push(storage.data);
    }
  }
  // a staging space the memory cannot hold is not reserved: the products that need it run the JS kernels
  if (wasmKernels !== undefined && program.stagingBytes > 0) heap.scratch(program.stagingBytes);
  return { data, base: new Array<number>(data.length).fill(0), resident };
}

/** Runs every operation of the program in order. */
export function runProgram(program: Program, memory: Memory): void {
  const { resident, data } = memory;
  for (let i = 0; i < resident.length; i++) {
    const { slot, storage } = resident[i] as Memory['resident'][number];
    data[slot] = storage.data;
  }
  const operations = program.operations;
  for (let i = 0; i < operations.length; i++) (operations[i] as Program['operations'][number]).run(memory);
}

/** Forgets the operand and output arrays of the last run, so that a cached program keeps no caller data alive. */
export function releaseOperands(memory: Memory, operandCount: number): void {
  for (let slot = 0; slot <= operandCount; slot++) memory.data[slot] = EMPTY;
}
