// The planner's public face: plan a contraction from labels and sizes, and describe the plan.

export type { EinsumPlan } from './einsum-plan.js';
export { planEinsum } from './einsum-plan.js';
export { describePlan, PathInfo } from './path-info.js';
export { planContraction } from './plan.js';
export type { ContractionStep, Optimize, Path, PlanOptions } from './types.js';
