// Error-message snapshots: one or more per EinsumError code, each message naming operand, label and sizes.

import { describe, expect, it } from 'vitest';
import type { EinsumErrorCode } from '../src/index.js';
import { adjoint, arena, compile, EinsumError, einsum, einsumPath, Tensor, tensor } from '../src/index.js';
import { requestedBackend } from '../src/kernels/backend.js';

/** The code and message of the EinsumError that `action` throws (anything else fails the test). */
function failure(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof EinsumError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected an EinsumError, but nothing was thrown');
}

const zeros = (...shape: number[]) => new Tensor(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape);

describe('EinsumError messages', () => {
  it('bad-subscripts: the subscripts are not a string', () => {
    expect(failure(() => einsum(42 as unknown as string, 1))).toMatchInlineSnapshot(
      `"bad-subscripts: the subscripts must be a string, got number"`,
    );
  });

  it('bad-character: names the character and points at it', () => {
    expect(failure(() => einsum('ij,j1->i', zeros(2, 3), zeros(3, 1)))).toMatchInlineSnapshot(`
      "bad-character: invalid character '1': subscripts are letters a–z and A–Z, '...', ',', '->' and spaces
        ij,j1->i
            ^"
    `);
    expect(failure(() => einsum('i\tj', zeros(2, 3)))).toMatchInlineSnapshot(`
      "bad-character: invalid character "\\t": subscripts are letters a–z and A–Z, '...', ',', '->' and spaces
        i	j
         ^"
    `);
    expect(failure(() => einsum('i->i,j', zeros(2)))).toMatchInlineSnapshot(`
      "bad-character: ',' after '->': the output is a single term
        i->i,j
            ^"
    `);
  });

  it('bad-arrow: a lone "-", a lone ">", two arrows', () => {
    expect(failure(() => einsum('ij-jk', zeros(2, 3)))).toMatchInlineSnapshot(`
      "bad-arrow: '-' must be followed by '>' to form '->'
        ij-jk
          ^"
    `);
    expect(failure(() => einsum('ij>j', zeros(2, 3)))).toMatchInlineSnapshot(`
      "bad-arrow: '>' must follow '-' to form '->'
        ij>j
          ^"
    `);
    expect(failure(() => einsum('i->i->i', zeros(2)))).toMatchInlineSnapshot(`
      "bad-arrow: more than one '->' in the subscripts
        i->i->i
            ^^"
    `);
  });

  it('stray-dot: dots that do not make "..."', () => {
    expect(failure(() => einsum('i.j', zeros(2, 3)))).toMatchInlineSnapshot(`
      "stray-dot: a '.' where only '...' (exactly three dots) may stand
        i.j
         ^"
    `);
    expect(failure(() => einsum('....i->i', zeros(2)))).toMatchInlineSnapshot(`
      "stray-dot: 4 dots in a row where only '...' (exactly three dots) may stand
        ....i->i
        ^^^^"
    `);
  });

  it('two-ellipses: one "..." per term', () => {
    expect(failure(() => einsum('...i...', zeros(2, 3)))).toMatchInlineSnapshot(`
      "two-ellipses: a term may hold at most one '...'
        ...i...
            ^^^"
    `);
  });

  it('unknown-output-label: an output label no input has', () => {
    expect(failure(() => einsum('ij,jk->il', zeros(2, 3), zeros(3, 4)))).toMatchInlineSnapshot(`
      "unknown-output-label: output label 'l' appears in no input term
        ij,jk->il
                ^"
    `);
  });

  it('operand-count: terms and operands disagree', () => {
    expect(failure(() => einsum('ij,jk->ik', zeros(2, 3)))).toMatchInlineSnapshot(`
      "operand-count: the subscripts have 2 input terms but 1 operand was given
        ij,jk->ik
                 ^"
    `);
    expect(failure(() => compile('ij->ji', [[2, 3]])(zeros(2, 3), zeros(2, 3)))).toMatchInlineSnapshot(
      `"operand-count: 'ij->ji' was compiled for 1 operand but got 2"`,
    );
  });

  it('rank-mismatch: a term names more or fewer dimensions than its operand has', () => {
    expect(failure(() => einsum('ij,jk->ik', zeros(2, 3), zeros(3, 4, 5)))).toMatchInlineSnapshot(`
      "rank-mismatch: operand 1 has 3 dimensions (shape [3, 4, 5]) but its term 'jk' names 2; add '...' to the term to broadcast over the extra ones
        ij,jk->ik
           ^^"
    `);
    expect(failure(() => einsum('ij...,j->i', zeros(2), zeros(3)))).toMatchInlineSnapshot(`
      "rank-mismatch: operand 0 has 1 dimension (shape [2]) but its term 'ij...' names at least 2
        ij...,j->i
        ^^^^^"
    `);
  });

  it('size-clash: names the label, both operands and both sizes', () => {
    expect(failure(() => einsum('ij,jk->ik', zeros(2, 3), zeros(4, 5)))).toMatchInlineSnapshot(`
      "size-clash: label 'j' has size 3 in operand 0 but size 4 in operand 1
        ij,jk->ik
           ^"
    `);
    expect(failure(() => einsum('ii->i', zeros(2, 3)))).toMatchInlineSnapshot(`
      "size-clash: label 'i' repeats in operand 0 with sizes 2 and 3; a repeated label needs equal sizes
        ii->i
         ^"
    `);
    expect(failure(() => einsum('...i,...i->...', zeros(2, 3), zeros(4, 3)))).toMatchInlineSnapshot(`
      "size-clash: the dimensions under '...' do not broadcast: size 2 in operand 0 against size 4 in operand 1
        ...i,...i->...
             ^^^"
    `);
  });

  it('ragged-data: rows of different lengths', () => {
    expect(failure(() => tensor([[1, 2], [3]]))).toMatchInlineSnapshot(
      `"ragged-data: row [1] has length 1 but its siblings have length 2"`,
    );
    expect(failure(() => tensor([1, [2]] as unknown as number[]))).toMatchInlineSnapshot(
      `"ragged-data: row [1] has length 1 but a number was expected"`,
    );
    expect(
      failure(() =>
        einsum('ij->i', [
          [1, 2, 3],
          [4, 5],
        ]),
      ),
    ).toMatchInlineSnapshot(`"ragged-data: operand 0: row [1] has length 2 but its siblings have length 3"`);
  });

  it('non-numeric: a value that is not a number', () => {
    expect(
      failure(() =>
        tensor([
          [1, 2],
          [3, '4'],
        ] as unknown as number[][]),
      ),
    ).toMatchInlineSnapshot(`"non-numeric: element [1][1] is "4", not a number"`);
    expect(failure(() => einsum('i->', [1, null] as unknown as number[]))).toMatchInlineSnapshot(
      `"non-numeric: operand 0: element [1] is null, not a number"`,
    );
  });

  it('bad-shape: shapes must be arrays of non-negative integers', () => {
    expect(failure(() => einsumPath('ij->i', [[2, -1]]))).toMatchInlineSnapshot(
      `"bad-shape: the shape of operand 0 has -1 at axis 1; sizes must be non-negative integers"`,
    );
    expect(failure(() => compile('i->i', [[2.5]]))).toMatchInlineSnapshot(
      `"bad-shape: the shape of operand 0 has 2.5 at axis 0; sizes must be non-negative integers"`,
    );
  });

  it('shape-mismatch: compiled operands and outputs of the wrong shape or length', () => {
    const expr = compile('ij,jk->ik', [
      [2, 3],
      [3, 4],
    ]);
    expect(failure(() => expr(zeros(2, 3), zeros(3, 5)))).toMatchInlineSnapshot(
      `"shape-mismatch: operand 1 has shape [3, 5] but 'ij,jk->ik' was compiled for [3, 4]"`,
    );
    expect(failure(() => expr(new Float64Array(5), zeros(3, 4)))).toMatchInlineSnapshot(
      `"shape-mismatch: operand 0 is a Float64Array of length 5 but 'ij,jk->ik' was compiled for shape [2, 3] (6 elements)"`,
    );
    expect(failure(() => expr.into(zeros(4, 2), zeros(2, 3), zeros(3, 4)))).toMatchInlineSnapshot(
      `"shape-mismatch: the output has shape [4, 2] but 'ij,jk->ik' was compiled for [2, 4]"`,
    );
    expect(failure(() => tensor([1, 2, 3], [2, 2]))).toMatchInlineSnapshot(
      `"shape-mismatch: data of shape [3] has 3 elements but shape [2, 2] needs 4"`,
    );
  });

  it('bad-operand: operands that are not tensors or arrays', () => {
    expect(failure(() => compile('i->i', [[2]])([1, 2] as unknown as Float64Array))).toMatchInlineSnapshot(
      `"bad-operand: operand 0 must be a Tensor, a Float64Array or a Float32Array, got an array of length 2"`,
    );
    expect(failure(() => einsum('i->i', { x: 1 } as unknown as number))).toMatchInlineSnapshot(
      `"bad-operand: operand 0 must be a Tensor, a number, nested arrays or a typed array, got an Object"`,
    );
  });

  it('bad-optimize and bad-path: planner options', () => {
    expect(
      failure(() =>
        einsumPath(
          'ij,jk->ik',
          [
            [2, 3],
            [3, 4],
          ],
          { optimize: 'fastest' as 'greedy' },
        ),
      ),
    ).toMatchInlineSnapshot(
      `"bad-optimize: unknown optimize option "fastest": use one of 'auto', 'optimal', 'greedy' or an explicit path such as [[0, 1], [0, 1]]"`,
    );
    expect(
      failure(() =>
        einsumPath(
          'ij,jk,kl->il',
          [
            [2, 3],
            [3, 4],
            [4, 5],
          ],
          { optimize: [[0, 3]] },
        ),
      ),
    ).toMatchInlineSnapshot(
      `"bad-path: step 0 of the path, position 1: operand 3 is out of range: 3 operands remain (ij,jk,kl), so positions run from 0 to 2"`,
    );
  });

  it('bad-operand-index: adjoint of an operand that does not exist', () => {
    expect(failure(() => adjoint('ij,jk->ik', 2))).toMatchInlineSnapshot(
      `"bad-operand-index: operand 2 does not exist: 'ij,jk->ik' has 2 operands (0 to 1)"`,
    );
  });

  it('bad-axis: tensor views with invalid axes', () => {
    expect(failure(() => zeros(2, 3).permute([0, 0]))).toMatchInlineSnapshot(
      `"bad-axis: [0, 0] is not a permutation of the 2 axes"`,
    );
    expect(failure(() => zeros(2, 3).diagonal())).toMatchInlineSnapshot(
      `"bad-axis: diagonal of axes of sizes 2 and 3"`,
    );
    expect(failure(() => zeros(2, 3).at(2, 0))).toMatchInlineSnapshot(
      `"bad-axis: index 2 is out of range for axis 0 of size 2"`,
    );
  });

  it('too-large: a result or an intermediate too large for one Float64Array', () => {
    const shapes = [
      [2, 40000],
      [40000, 2],
      [40000, 40000],
    ];
    expect(
      failure(() =>
        compile('ij,kl,jk->il', shapes, {
          optimize: [
            [0, 1],
            [0, 1],
          ],
        }),
      ),
    ).toMatchInlineSnapshot(
      `"too-large: an intermediate of 6400000000 elements (over 2147483647) would be needed; try another optimize option or path"`,
    );
    expect(failure(() => einsumPath('i,j,k->ijk', [[2000], [2000], [2000]]))).toMatchInlineSnapshot(
      `"too-large: the result [2000, 2000, 2000] has 8000000000 elements, over 2147483647"`,
    );
  });

  /** One rejected input per code; the Record type makes the typecheck fail when a code has none. */
  const oneOfEach: Record<EinsumErrorCode, () => unknown> = {
    'bad-subscripts': () => einsum(null as unknown as string),
    'bad-character': () => einsum('i!', zeros(2)),
    'bad-arrow': () => einsum('i-', zeros(2)),
    'stray-dot': () => einsum('.i', zeros(2)),
    'two-ellipses': () => einsum('...i...', zeros(2)),
    'unknown-output-label': () => einsum('i->j', zeros(2)),
    'operand-count': () => einsum('i,i', zeros(2)),
    'rank-mismatch': () => einsum('ij', zeros(2)),
    'size-clash': () => einsum('i,i', zeros(2), zeros(3)),
    'ragged-data': () => tensor([[1], []]),
    'non-numeric': () => tensor(['1'] as unknown as number[]),
    'bad-shape': () => einsumPath('i', [[Number.NaN]]),
    'shape-mismatch': () => compile('i', [[2]])(zeros(3)),
    'bad-operand': () => compile('i', [[2]])(undefined as unknown as Float64Array),
    'bad-optimize': () => einsumPath('i', [[2]], { optimize: 'best' as 'auto' }),
    'bad-path': () => einsumPath('i,i', [[2], [2]], { optimize: [[0, 0]] }),
    'bad-operand-index': () => adjoint('i', -1),
    'bad-axis': () => zeros(2).permute([1]),
    'too-large': () => compile('i,j->ij', [[1 << 16], [1 << 16]]),
    'bad-dtype': () => tensor([1], undefined, { dtype: 'float16' as 'float32' }),
    'bad-backend': () => requestedBackend({ RNN_EINSUM_BACKEND: 'gpu' }),
    released: () => {
      const scratch = arena();
      const x = scratch.zeros([2]);
      scratch.release();
      return x.data;
    },
  };
  it.each(Object.entries(oneOfEach))('%s is thrown with exactly that code', (code, action) => {
    expect(failure(action).split(':')[0]).toBe(code);
  });
});
