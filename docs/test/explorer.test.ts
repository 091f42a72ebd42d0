// The explorer's logic in Node, against @rnn/einsum itself: shapes, URL state, the exploration and the path layout.
import { adjoint, einsumPath, tensor } from '@rnn/einsum';
import { describe, expect, it } from 'vitest';
import { explore, OPTIMAL_OPERAND_LIMIT, RUN_LIMITS } from '../client/explorer.js';
import { previewTensor, randomOperand } from '../client/operands.js';
import { layoutPath, readableLabels } from '../client/path-layout.js';
import { EXAMPLE_PRESETS } from '../client/presets.js';
import { formatShapes, parseShapes, ShapeError } from '../client/shapes.js';
import { explorerHref, explorerSearch, readExplorerQuery } from '../client/url-state.js';

/** A small seeded generator for the round-trip laws (mulberry32, as the explorer's operands). */
function seeded(seed: number): () => number {
  const data = randomOperand([1000], seed);
  let i = 0;
  return () => ((data[i++ % data.length] as number) + 1) / 2;
}

describe('parseShapes and formatShapes', () => {
  it('read operands separated by commas, sizes by x, × or *, and () for a 0-d operand', () => {
    expect(parseShapes('2x3, 3x4')).toEqual([
      [2, 3],
      [3, 4],
    ]);
    expect(parseShapes(' 2 × 3 ,4*5,() , 7')).toEqual([[2, 3], [4, 5], [], [7]]);
    expect(parseShapes('')).toEqual([]);
    expect(parseShapes('0x3')).toEqual([[0, 3]]);
  });

  it('round-trip any list of shapes (seeds 1–50)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const random = seeded(seed);
      const shapes = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
        Array.from({ length: Math.floor(random() * 4) }, () => Math.floor(random() * 12)),
      );
      expect(parseShapes(formatShapes(shapes)), `seed ${seed}`).toEqual(shapes);
      expect(parseShapes(formatShapes(shapes, ',')), `seed ${seed}`).toEqual(shapes);
    }
  });

  it('reject a bad size naming the operand, with a caret under it', () => {
    expect(() => parseShapes('2x3, 3y4')).toThrow(ShapeError);
    expect(() => parseShapes('2x3, 3y4')).toThrow(
      "operand 1's shape '3y4': '3y4' is not a size; write sizes as whole numbers joined by x, as in 2x3\n" +
        '  2x3, 3y4\n' +
        '       ^^^',
    );
    expect(() => parseShapes('2x, 3')).toThrow("operand 0's shape '2x': a missing size");
    expect(() => parseShapes('2x3,,3')).toThrow(
      /^operand 1 has no shape: write its sizes \(2x3\), or \(\) for a 0-d operand\n {2}2x3,,3\n {6}\^$/,
    );
    expect(() => parseShapes('2x-3')).toThrow(/'-3' is not a size/);
  });
});

describe('the explorer URL', () => {
  it('reads eq, shapes and a known planner, and ignores an unknown one', () => {
    expect(readExplorerQuery('?eq=ij,jk->ik&shapes=2x3,3x4')).toEqual({
      subscripts: 'ij,jk->ik',
      shapes: '2x3,3x4',
    });
    expect(readExplorerQuery('?eq=ii&optimize=greedy')).toEqual({ subscripts: 'ii', optimize: 'greedy' });
    expect(readExplorerQuery('?optimize=dp')).toEqual({});
  });

  it('writes a readable query that reads back to the same inputs', () => {
    expect(explorerSearch({ subscripts: 'ij,jk->ik', shapes: '2x3, 3x4', optimize: 'auto' })).toBe(
      '?eq=ij,jk->ik&shapes=2x3,3x4',
    );
    for (const query of [
      { subscripts: ' ...ij , ...jk -> ...ik', shapes: '5x1x2x3, 4x3x2', optimize: 'optimal' },
      { subscripts: 'a&b=c+d#e', shapes: '(), 3', optimize: 'greedy' },
    ] as const) {
      const back = readExplorerQuery(explorerSearch(query));
      expect(back).toEqual({ ...query, shapes: query.shapes.replace(/\s+/g, '') });
    }
    expect(explorerHref({ subscripts: 'i,j->ij', shapes: '8, 5', optimize: 'auto' })).toBe(
      '/playground/einsum?eq=i,j->ij&shapes=8,5',
    );
  });
});

describe('explore', () => {
  it('gives the plan String(einsumPath(...)) and adjoint(subscripts, k) of every operand, for each preset and planner', () => {
    for (const preset of EXAMPLE_PRESETS) {
      for (const optimize of ['auto', 'optimal', 'greedy'] as const) {
        const e = explore({ subscripts: preset.subscripts, shapes: preset.shapes, optimize });
        expect(e.error, preset.id).toBe('');
        expect(e.plan).toBe(String(einsumPath(preset.subscripts, parseShapes(preset.shapes), { optimize })));
        expect(e.adjoints).toEqual(e.terms.map((_, k) => adjoint(preset.subscripts, k)));
        expect(e.run?.kind, preset.id).toBe('ran');
      }
    }
  });

  it('runs the contraction: the preview is the result of einsum on the same operands', () => {
    const e = explore({ subscripts: 'ij,jk->ik', shapes: '2x3, 3x2', optimize: 'auto' });
    if (e.run?.kind !== 'ran') throw new Error('expected a run');
    const a = tensor(randomOperand([2, 3], 1), [2, 3]).toArray() as number[][];
    const b = tensor(randomOperand([3, 2], 2), [3, 2]).toArray() as number[][];
    const c = a.map((row) => [0, 1].map((k) => row.reduce((sum, v, j) => sum + v * (b[j]?.[k] ?? 0), 0)));
    expect(e.run.preview).toEqual(previewTensor(tensor(c)));
  });

  it('shows the library error, caret included, for bad subscripts, bad sizes and bad shapes', () => {
    const bad = explore({ subscripts: 'ij,jk->il', shapes: '2x3, 3x4', optimize: 'auto' });
    expect(bad.error).toBe("output label 'l' appears in no input term\n  ij,jk->il\n          ^");
    expect(bad.plan).toBe('');
    expect(bad.adjoints).toEqual([]);
    const clash = explore({ subscripts: 'ij,jk->ik', shapes: '2x3, 4x5', optimize: 'auto' });
    expect(clash.error).toMatch(/^label 'j' has size 3 in operand 0 but size 4 in operand 1\n/);
    expect(clash.adjoints).toEqual(['ik,jk->ij', 'ik,ij->jk']);
    expect(explore({ subscripts: 'ij', shapes: '2y', optimize: 'auto' }).error).toMatch(/^operand 0's shape/);
    // Both wrong: the subscripts' fault first, as the page reads from left to right.
    expect(explore({ subscripts: 'ij,jk->il', shapes: '2y', optimize: 'auto' }).error).toBe(bad.error);
  });

  it('plans but does not run beyond the limits, and refuses the optimal search over too many operands', () => {
    const big = explore({ subscripts: 'ij,jk->ik', shapes: '1000x1000, 1000x1000', optimize: 'auto' });
    expect(big.plan).not.toBe('');
    expect(big.run).toEqual({ kind: 'skipped', reason: expect.stringContaining('FLOPs exceeds') });
    expect(RUN_LIMITS.flops).toBeLessThan(2e9);
    const wide = explore({ subscripts: 'i->ii', shapes: '2000', optimize: 'auto' });
    expect(wide.run).toEqual({ kind: 'skipped', reason: expect.stringContaining('elements exceeds') });
    const labels = 'abcdefghijklm';
    const chain = Array.from({ length: OPTIMAL_OPERAND_LIMIT + 1 }, (_, k) => `${labels[k]}${labels[k + 1]}`);
    const many = explore({
      subscripts: chain.join(','),
      shapes: chain.map(() => '2x2').join(', '),
      optimize: 'optimal',
    });
    expect(many.error).toMatch(/choose greedy or auto/);
    expect(
      explore({
        ...many,
        subscripts: chain.join(','),
        shapes: chain.map(() => '2x2').join(', '),
        optimize: 'greedy',
      }).error,
    ).toBe('');
  });
});

describe('layoutPath', () => {
  it('puts the operands on row 0, each step below its inputs, and one edge from each input to its step', () => {
    const subscripts = 'pi,qj,ijkl,rk,sl->pqrs';
    const shapes = [
      [10, 10],
      [10, 10],
      [10, 10, 10, 10],
      [10, 10],
      [10, 10],
    ];
    const info = einsumPath(subscripts, shapes);
    const diagram = layoutPath(['pi', 'qj', 'ijkl', 'rk', 'sl'], info.steps);
    expect(diagram.nodes.slice(0, 5).map((n) => [n.labels, n.y])).toEqual([
      ['pi', 0],
      ['qj', 0],
      ['ijkl', 0],
      ['rk', 0],
      ['sl', 0],
    ]);
    const steps = diagram.nodes.slice(5);
    expect(steps.map((n) => n.step?.flops)).toEqual(info.steps.map((s) => s.flops));
    expect(steps.at(-1)?.labels).toBe('pqrs');
    // Every node but the result feeds exactly one step, and a step sits below all of its inputs.
    for (const node of diagram.nodes.slice(0, -1)) {
      expect(diagram.edges.filter((e) => e.from === node.id)).toHaveLength(1);
    }
    for (const edge of diagram.edges) {
      expect(diagram.nodes[edge.to]?.y).toBeGreaterThan(diagram.nodes[edge.from]?.y ?? Number.NaN);
    }
    expect(diagram.rows).toBe(1 + Math.max(...diagram.nodes.map((n) => n.y)));
  });

  it('draws a unary step and the dimensions of ... as one …', () => {
    const trace = layoutPath(['ii'], einsumPath('ii->', [[3, 3]]).steps);
    expect(trace.nodes.map((n) => n.labels)).toEqual(['ii', '()']);
    expect(trace.nodes[1]?.step).toEqual({ index: 1, summed: 'i', flops: 6 });
    const batched = layoutPath(
      ['...ij', '...jk'],
      einsumPath('...ij,...jk->...ik', [
        [2, 2, 3],
        [3, 4],
      ]).steps,
    );
    expect(batched.nodes.map((n) => n.labels)).toEqual(['…ij', '…jk', '…ik']);
    expect(readableLabels('')).toBe('()');
  });
});

describe('the operands and the preview', () => {
  it('draws reproducible operands in [−1, 1)', () => {
    const a = randomOperand([50, 40], 3);
    expect(randomOperand([50, 40], 3)).toEqual(a);
    expect(randomOperand([50, 40], 4)).not.toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThan(1);
  });

  it('prints the shape and the leading rows and columns, marking what is left out', () => {
    expect(previewTensor(tensor(2.5))).toEqual({ shape: [], text: '2.5' });
    expect(
      previewTensor(
        tensor([
          [1, -2],
          [3, 4],
        ]),
      ).text,
    ).toBe('[0]          1        -2\n[1]          3         4');
    const big = previewTensor(
      tensor(
        Array.from({ length: 3 * 7 * 9 }, (_, i) => i),
        [3, 7, 9],
      ),
    );
    const lines = big.text.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]?.startsWith('[0, 0] ')).toBe(true);
    expect(lines[0]?.endsWith('  …')).toBe(true);
    expect(lines.at(-1)).toBe('… 15 more rows');
  });
});
