// @rnn/einsum: einsum with a contraction planner, compiled expressions and symbolic adjoints.

/**
 * Index-notation tensor contraction: numpy's einsum grammar, a contraction-path planner, compiled expressions
 * and symbolic adjoints.
 *
 * @module @rnn/einsum
 */

export { adjoint } from './adjoint.js';
export type { CompiledExpression, CompiledOperand, CompileOptions } from './compile.js';
export { compile } from './compile.js';
export type { EinsumOperand } from './einsum.js';
export { einsum, einsumPath } from './einsum.js';
export type { EinsumErrorCode, FaultLocation } from './errors.js';
export { EinsumError } from './errors.js';
export type { TensorData } from './from-data.js';
export { tensor } from './from-data.js';
export type { ContractionStep, Optimize, Path, PlanOptions } from './plan/index.js';
export { PathInfo } from './plan/index.js';
export type { NestedArray } from './tensor.js';
export { Tensor } from './tensor.js';
