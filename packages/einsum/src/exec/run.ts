// Running a program: its preallocated memory, a fresh output array, the run, and releasing the caller's arrays.

import type { Memory } from './memory.js';
import type { Program } from './program.js';

const EMPTY = new Float64Array(0);

/** Allocates a program's scratch buffers once; operand and output slots are filled per call. */
export function createMemory(program: Program, operandCount: number): Memory {
  const data: Float64Array[] = new Array(operandCount + 1).fill(EMPTY);
  for (const size of program.scratchSizes) data.push(new Float64Array(size));
  return { data, base: new Array<number>(data.length).fill(0) };
}

/** Results of at least this many elements (512 KiB) are taken from Node's malloc when it is available. */
const UNINITIALISED_MIN = 1 << 16;

type BufferLike = { allocUnsafeSlow(bytes: number): Uint8Array };

/**
 * A new array of `count` elements for a program's output. A program overwrites every element of its output
 * (the law `into()` is tested against: an output filled with NaN comes back without one), so in Node a large
 * output comes uninitialised from malloc, which recycles freed memory, instead of as fresh zeroed pages that
 * fault in one 4 KiB page at a time on first write (measured: an 8 MB outer product 4.1 → 2.5 ms). Elsewhere,
 * and for small outputs, a zeroed Float64Array.
 *
 * @example
 * ```ts
 * const out = outputArray(4); // Float64Array(4)
 * ```
 */
export function outputArray(count: number): Float64Array {
  const node = (globalThis as { Buffer?: BufferLike }).Buffer;
  if (count < UNINITIALISED_MIN || node === undefined) return new Float64Array(count);
  const bytes = node.allocUnsafeSlow(8 * count);
  return new Float64Array(bytes.buffer, bytes.byteOffset, count);
}

/** Runs every operation of the program in order. */
export function runProgram(program: Program, memory: Memory): void {
  const operations = program.operations;
  for (let i = 0; i < operations.length; i++) (operations[i] as Program['operations'][number]).run(memory);
}

/** Forgets the operand and output arrays of the last run, so that a cached program keeps no caller data alive. */
export function releaseOperands(memory: Memory, operandCount: number): void {
  for (let slot = 0; slot <= operandCount; slot++) memory.data[slot] = EMPTY;
}
