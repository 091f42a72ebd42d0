// Build-time results of the numpy / opt_einsum cheat sheet: what @rnn/einsum does with each numpy feature.
import { compile, einsum, einsumPath, tensor } from '@rnn/einsum';
import { defineLoader } from 'vitepress';
import { counting, type ErrorExample, type Example, rejected, run } from '../lib/einsum-examples.js';

/**
 * The rows of the cheat sheet that @rnn/einsum computes, by feature.
 *
 * @example
 * ```ts
 * data.same.trace.result; // 'shape []: 15'
 * ```
 */
export interface NumpyData {
  readonly same: Readonly<Record<string, Example>>;
  readonly beyond: Readonly<Record<string, Example>>;
  readonly interleaved: ErrorExample;
  readonly unknownPlanner: ErrorExample;
  readonly explicitPath: string;
  readonly memoryLimit: string;
  readonly integers: Example;
  /** The dtype of a contraction of two Float32Array operands. */
  readonly float32: string;
  readonly into: Example;
}

declare const data: NumpyData;

export { data };

export default defineLoader({
  load(): NumpyData {
    const same = {
      explicit: run('ij,jk->ik', [2, 3], [3, 2]),
      implicit: run('ij,jk', [2, 3], [3, 2]),
      trace: run('ii', [3, 3]),
      diagonal: run('ii->i', [3, 3]),
      ellipsis: run('...ij,...jk->...ik', [2, 2, 3], [3, 1]),
      sizeOne: run('ij,j->i', [2, 3], [1]),
      scalar: run(',i->i', [], [3]),
      spaces: run(' ij , jk -> ik ', [2, 3], [3, 2]),
    };
    const beyond = {
      repeatedOutput: run('i->ii', [3]),
      ellipsisSummed: run('...ij->ij', [2, 2, 2]),
    };
    const interleaved = rejected('einsum(a, [0, 1], b, [1, 2], [0, 2])', () =>
      (einsum as unknown as (...args: unknown[]) => unknown)(
        counting(2, 3),
        [0, 1],
        counting(3, 2),
        [1, 2],
        [0, 2],
      ),
    );
    const shapes = [
      [2, 3],
      [3, 4],
      [4, 5],
    ];
    const unknownPlanner = rejected("einsumPath('ij,jk,kl->il', shapes, { optimize: 'dp' })", () =>
      einsumPath('ij,jk,kl->il', shapes, { optimize: 'dp' as 'auto' }),
    );
    const explicitPath = JSON.stringify(
      einsumPath('ij,jk,kl->il', shapes, {
        optimize: [
          [1, 2],
          [0, 1],
        ],
      }).path,
    );
    const memoryLimit = JSON.stringify(einsumPath('ij,jk,kl->il', shapes, { memoryLimit: 4 }).path);
    const integers = {
      call: "einsum('i,i', [1, 2, 3], [4, 5, 6])",
      result: String(einsum('i,i', [1, 2, 3], [4, 5, 6]).toArray()),
    };
    const float32 = einsum(
      'i,i',
      tensor(new Float32Array([1, 2]), [2]),
      tensor(new Float32Array([3, 4]), [2]),
    ).dtype;
    const out = compile('ij->', [[2, 3]]).into(new Float64Array(1), counting(2, 3));
    const into = {
      call: "compile('ij->', [[2, 3]]).into(new Float64Array(1), counting(2, 3))",
      result: `Float64Array [${[...out].join(', ')}]`,
    };
    return { same, beyond, interleaved, unknownPlanner, explicitPath, memoryLimit, integers, float32, into };
  },
});
