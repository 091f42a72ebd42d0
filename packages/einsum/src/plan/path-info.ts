// PathInfo: a plan as a value, with its costs and a printable report like numpy.einsum_path's.

import { distinctLabels, naiveFlops } from './cost.js';
import { formatReport } from './report.js';
import { afterStep } from './step.js';
import type { ContractionStep, Path } from './types.js';

/**
 * A plan and what it costs. `naiveFlops` is the cost of one loop over every label; `optimizedFlops` the sum
 * of the steps' costs (both opt_einsum's count, as numpy reports them); `largestIntermediate` the largest
 * result of any step, the output included (as numpy counts it), in elements.
 *
 * @example
 * ```ts
 * const sizes = new Map([['i', 64], ['j', 512], ['k', 64], ['l', 512]]);
 * const inputs = ['ij', 'jk', 'kl'];
 * const info = describePlan('ij,jk,kl->il', inputs, 'il', sizes, planContraction(inputs, 'il', sizes));
 * info.path; // [[0, 1], [0, 1]]
 * info.speedup; // 384
 * ```
 */
export class PathInfo {
  readonly path: Path;
  readonly naiveFlops: number;
  readonly optimizedFlops: number;
  readonly largestIntermediate: number;
  readonly speedup: number;
  readonly steps: readonly ContractionStep[];
  readonly #subscripts: string;
  readonly #inputs: readonly string[];
  readonly #output: string;

  constructor(
    subscripts: string,
    inputs: readonly string[],
    output: string,
    sizes: ReadonlyMap<string, number>,
    steps: readonly ContractionStep[],
  ) {
    this.#subscripts = subscripts;
    this.#inputs = inputs;
    this.#output = output;
    this.steps = steps;
    this.path = steps.map((step) => step.operands);
    this.naiveFlops = naiveFlops(inputs, output, sizes);
    this.optimizedFlops = steps.reduce((sum, step) => sum + step.flops, 0);
    this.largestIntermediate = Math.max(0, ...steps.map((step) => step.size));
    this.speedup = this.optimizedFlops > 0 ? this.naiveFlops / this.optimizedFlops : 1;
  }

  /** The report: totals, then one row per step (see the class example). */
  toString(): string {
    let operands: readonly string[] = this.#inputs;
    const rows = this.steps.map((step) => {
      operands = afterStep(operands, step);
      return { step, remaining: operands };
    });
    return formatReport({
      subscripts: this.#subscripts,
      output: this.#output,
      naiveScaling: distinctLabels([...this.#inputs, this.#output]).length,
      optimizedScaling: Math.max(0, ...this.steps.map((step) => distinctLabels(step.inputs).length)),
      naiveFlops: this.naiveFlops,
      optimizedFlops: this.optimizedFlops,
      speedup: this.speedup,
      largestIntermediate: this.largestIntermediate,
      rows,
    });
  }
}

/**
 * Describes a plan made by {@link planContraction} for these subscripts (shown as given in the report).
 *
 * @example
 * ```ts
 * const sizes = new Map([['i', 2], ['j', 3], ['k', 4]]);
 * const steps = planContraction(['ij', 'jk'], 'ik', sizes);
 * describePlan('ij,jk->ik', ['ij', 'jk'], 'ik', sizes, steps).optimizedFlops; // 48
 * ```
 */
export function describePlan(
  subscripts: string,
  inputs: readonly string[],
  output: string,
  sizes: ReadonlyMap<string, number>,
  steps: readonly ContractionStep[],
): PathInfo {
  return new PathInfo(subscripts, inputs, output, sizes, steps);
}
