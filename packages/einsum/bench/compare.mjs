// Agreement of a result with numpy's: the normwise relative error max|x − y| / max|y|.

/**
 * max|x − y| / max|y| over all elements (max|x − y| when y is all zeros); Infinity on a length mismatch.
 * @example relativeError([1, 2], [1, 2.000001]) // → 5e-7
 */
export function relativeError(values, reference) {
  if (values.length !== reference.length) return Number.POSITIVE_INFINITY;
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    difference = Math.max(difference, Math.abs(values[i] - reference[i]));
    scale = Math.max(scale, Math.abs(reference[i]));
  }
  return scale > 0 ? difference / scale : difference;
}

/**
 * The shape of a case's result from its explicit subscripts ('ij,jk->ik') and operand shapes.
 * @example outputShape('ij,jk->ik', [[2, 3], [3, 4]]) // → [2, 4]
 */
export function outputShape(subscripts, shapes) {
  const [inputs, output] = subscripts.split('->');
  const sizes = new Map();
  for (const [i, term] of inputs.split(',').entries()) {
    for (const [d, label] of [...term].entries()) sizes.set(label, shapes[i][d]);
  }
  return [...output].map((label) => sizes.get(label));
}
