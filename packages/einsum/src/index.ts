// @rnn/einsum: einsum with a contraction planner, compiled expressions, symbolic adjoints and resident memory.

/**
 * Index-notation tensor contraction: numpy's einsum grammar, a contraction-path planner, compiled expressions
 * and symbolic adjoints.
 *
 * @module @rnn/einsum
 */

export { adjoint } from './adjoint.js';
export type { CompiledExpression, CompiledOperand, CompileOptions } from './compile.js';
export { compile } from './compile.js';
export type { EinsumOperand, Float32Operand } from './einsum.js';
export { einsum, einsumPath } from './einsum.js';
export type { EinsumErrorCode, FaultLocation } from './errors.js';
export { EinsumError } from './errors.js';
export type { Backend } from './kernels/backend.js';
export { backend } from './kernels/backend.js';
export type { ContractionStep, Optimize, Path, PlanOptions } from './plan/index.js';
export { PathInfo } from './plan/index.js';
export type { ArenaOptions, ResidentOptions } from './resident/arena.js';
export { Arena, arena, ResidentTensor } from './resident/arena.js';
export type { KernelMemory, MemoryStats } from './resident/heap.js';
export { memoryStats } from './resident/heap.js';
export type { ArrayOf, DType, DTypeOf, FloatArray } from './tensor/dtype.js';
export type { TensorData, TensorOptions } from './tensor/from-data.js';
export { tensor } from './tensor/from-data.js';
export type { NestedArray, ResidentStorage } from './tensor/tensor.js';
export { Tensor } from './tensor/tensor.js';
