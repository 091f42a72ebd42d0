// Operand shapes as the explorer's readers type them ('2x3, 3x4', '()' for a 0-d operand), parsed and printed.

/**
 * A shape typed by the reader that is not a list of sizes; the message points at the fault with a caret.
 *
 * @example
 * ```ts
 * parseShapes('2x3, 3y4'); // throws ShapeError: operand 1's shape '3y4': '3y4' is not a size; …
 * ```
 */
export class ShapeError extends Error {
  constructor(message: string, text: string, at: number, span = 1) {
    const column = Math.max(0, Math.min(at, text.length));
    super(`${message}\n  ${text}\n  ${' '.repeat(column)}${'^'.repeat(Math.max(1, span))}`);
    this.name = 'ShapeError';
  }
}

const SIZE = /^\d+$/;
const DIMENSION_SEPARATOR = /[x×*]/;

/**
 * Reads one shape per operand: operands separated by commas, sizes by `x` (or `×`, `*`), `()` for a 0-d
 * operand. Spaces are ignored. Throws {@link ShapeError} naming the operand (0-based, as EinsumError does).
 *
 * @example
 * ```ts
 * parseShapes('2x3, 3x4'); // [[2, 3], [3, 4]]
 * parseShapes('(), 5');    // [[], [5]]
 * ```
 */
export function parseShapes(text: string): number[][] {
  if (text.trim() === '') return [];
  const shapes: number[][] = [];
  let start = 0;
  for (const item of text.split(',')) {
    const k = shapes.length;
    const trimmed = item.trim();
    const at = start + item.indexOf(trimmed);
    start += item.length + 1;
    if (trimmed === '()') {
      shapes.push([]);
      continue;
    }
    if (trimmed === '') {
      throw new ShapeError(
        `operand ${k} has no shape: write its sizes (2x3), or () for a 0-d operand`,
        text,
        at,
      );
    }
    let offset = at;
    const sizes: number[] = [];
    for (const part of trimmed.split(DIMENSION_SEPARATOR)) {
      const size = part.trim();
      const where = offset + part.indexOf(size);
      if (!SIZE.test(size)) {
        const fault = size === '' ? 'a missing size' : `'${size}' is not a size`;
        throw new ShapeError(
          `operand ${k}'s shape '${trimmed}': ${fault}; write sizes as whole numbers joined by x, as in 2x3`,
          text,
          where,
          size.length,
        );
      }
      sizes.push(Number(size));
      offset += part.length + 1;
    }
    shapes.push(sizes);
  }
  return shapes;
}

/**
 * Prints shapes the way {@link parseShapes} reads them.
 *
 * @example
 * ```ts
 * formatShapes([[2, 3], [3, 4]]);       // '2x3, 3x4'
 * formatShapes([[2, 3], []], ',');      // '2x3,()'
 * ```
 */
export function formatShapes(shapes: readonly (readonly number[])[], separator = ', '): string {
  return shapes.map((shape) => (shape.length === 0 ? '()' : shape.join('x'))).join(separator);
}
