// An explicit path, checked step by step and turned into contraction steps.

import { EinsumError } from '../errors.js';
import { afterStep, contractionStep } from './step.js';
import type { ContractionStep, Path } from './types.js';

/**
 * The steps of a caller-given path (numpy's convention). Every entry must be a non-empty list of distinct
 * in-range positions into the current operand list, and the path must end with one operand, the output, and
 * stop there.
 * The path is honoured as given (the memory limit does not apply). Positions within a step may come in any
 * order; the returned steps list them ascending.
 *
 * @throws EinsumError code 'bad-path' naming the step and the position within it that is wrong.
 * @example
 * ```ts
 * const sizes = new Map([['i', 2], ['j', 3], ['k', 4], ['l', 5]]);
 * pathPlan(['ij', 'jk', 'kl'], 'il', sizes, [[1, 2], [0, 1]]).map((step) => step.result); // ['jl', 'il']
 * ```
 */
export function pathPlan(
  inputs: readonly string[],
  output: string,
  sizes: ReadonlyMap<string, number>,
  path: Path,
): ContractionStep[] {
  if (!Array.isArray(path) || path.length === 0) {
    throw new EinsumError('bad-path', `the path must be a non-empty list of steps, got ${show(path)}`);
  }
  let operands = [...inputs];
  const steps: ContractionStep[] = [];
  path.forEach((entry: unknown, index) => {
    const positions = checkedPositions(entry, index, operands);
    const step = contractionStep(operands, positions, output, sizes);
    steps.push(step);
    operands = afterStep(operands, step);
  });
  if (operands.length !== 1) {
    throw new EinsumError(
      'bad-path',
      `the path ends with ${operands.length} operands left (${operands.join(',')}); ` +
        `add a step that contracts them, e.g. [${operands.map((_, position) => position).join(', ')}]`,
    );
  }
  return steps;
}

/** The positions of one path entry, or a 'bad-path' error saying which step and which position is wrong. */
function checkedPositions(entry: unknown, index: number, operands: readonly string[]): number[] {
  const where = `step ${index} of the path`;
  const remaining =
    operands.length === 1
      ? `1 operand remains (${operands[0]})`
      : `${operands.length} operands remain (${operands.join(',')})`;
  if (index > 0 && operands.length === 1) {
    throw new EinsumError(
      'bad-path',
      `${where} has nothing left to contract: step ${index - 1} produced the output`,
    );
  }
  if (!Array.isArray(entry) || entry.length === 0) {
    throw new EinsumError('bad-path', `${where} must be a non-empty list of positions, got ${show(entry)}`);
  }
  const seen = new Set<number>();
  entry.forEach((position: unknown, slot) => {
    const at = `${where}, position ${slot}`;
    if (typeof position !== 'number' || !Number.isInteger(position)) {
      throw new EinsumError('bad-path', `${at}: ${show(position)} is not an operand position (an integer)`);
    }
    if (position < 0 || position >= operands.length) {
      throw new EinsumError(
        'bad-path',
        `${at}: operand ${position} is out of range: ${remaining}, so positions run from 0 to ${operands.length - 1}`,
      );
    }
    if (seen.has(position)) {
      throw new EinsumError('bad-path', `${at}: operand ${position} is listed twice in this step`);
    }
    seen.add(position);
  });
  return [...seen];
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
