// Build-time examples of the einsum guide: results, plans, adjoints and real error messages from @rnn/einsum.
import { EQUATIONS } from '@rnn/core';
import { adjoint, compile, einsum, einsumPath } from '@rnn/einsum';
import { defineLoader } from 'vitepress';
import { counting, type ErrorExample, type Example, rejected, run } from '../lib/einsum-examples.js';

/** Everything the einsum guide shows. */
export interface EinsumData {
  readonly examples: Readonly<Record<string, readonly Example[]>>;
  readonly chainPath: string;
  readonly literalPath: { readonly subscripts: string; readonly sizes: string; readonly report: string };
  readonly compiled: string;
  readonly adjoints: readonly Example[];
  readonly errors: readonly ErrorExample[];
  /** The recurrence of (1a) and the two bptt contractions of (21) that are its adjoints, from EQUATIONS. */
  readonly rnn: { readonly recurrence: string; readonly backwardStep: string; readonly gradient: string };
}

declare const data: EinsumData;

export { data };

const show = (value: unknown) => JSON.stringify(value);

/** Label sizes of the derivation at the trainer's default model: T = 25 steps, K = 65 tokens, H = 100 units. */
const DEFAULT_SIZES: Readonly<Record<string, number>> = {
  t: 25,
  r: 25,
  l: 65,
  k: 65,
  m: 100,
  n: 100,
  i: 100,
  j: 100,
};

function literalPlan(): EinsumData['literalPath'] {
  const gradient = EQUATIONS['21'].literal.at(-1);
  if (!gradient) throw new Error("EQUATIONS['21'].literal is empty.");
  const inputs = gradient.subscripts.split('->')[0]?.split(',') ?? [];
  const shapes = inputs.map((term) =>
    Array.from(term, (label) => {
      const size = DEFAULT_SIZES[label];
      if (size === undefined)
        throw new Error(`No default size for label '${label}' of '${gradient.subscripts}'.`);
      return size;
    }),
  );
  return {
    subscripts: gradient.subscripts,
    sizes: inputs.map((term, i) => `${term}: ${show(shapes[i])}`).join(', '),
    report: einsumPath(gradient.subscripts, shapes).toString(),
  };
}

export default defineLoader({
  load(): EinsumData {
    const examples = {
      explicit: [run('ij,jk->ik', [2, 3], [3, 2]), run('ij->ji', [2, 3]), run('ij->', [2, 3])],
      implicit: [run('ij,jk', [2, 3], [3, 2]), run('ba', [2, 3]), run('i,i', [3], [3]), run('i,j', [2], [3])],
      ellipsis: [
        run('...ij,...jk->...ik', [2, 2, 3], [3, 1]),
        run('i...j', [2, 3, 4]),
        run('...->', [2, 3]),
        run('i...->...', [2, 3]),
      ],
      repeated: [run('ii->i', [3, 3]), run('ii', [3, 3]), run('i->ii', [3]), run('iij->j', [2, 2, 3])],
      scalars: [run(',i->i', [], [3]), run('i,i->', [4], [4])],
    };
    const chainPath = einsumPath('ij,jk,kl->il', [
      [1000, 10],
      [10, 1000],
      [1000, 10],
    ]).toString();
    const compiled = compile('ij,jk,kl->il', [
      [1000, 10],
      [10, 1000],
      [1000, 10],
    ]).info.toString();
    const adjoints = (
      [
        ['ij,jk->ik', 0],
        ['ij,jk->ik', 1],
        ['ij->i', 0],
        ['ii->', 0],
        ['i,j->ij', 1],
        ['...ij,...jk->...ik', 0],
      ] as const
    ).map(([subscripts, operand]) => ({
      call: `adjoint('${subscripts}', ${operand})`,
      result: `'${adjoint(subscripts, operand)}'`,
    }));
    const errors = [
      rejected("einsum('ij,jk->ik', counting(2, 3), counting(4, 5))", () =>
        einsum('ij,jk->ik', counting(2, 3), counting(4, 5)),
      ),
      rejected("einsum('ij,jk->ik', counting(2, 3))", () => einsum('ij,jk->ik', counting(2, 3))),
      rejected("einsum('ijk->ik', counting(2, 3))", () => einsum('ijk->ik', counting(2, 3))),
      rejected("einsum('ij->ik', counting(2, 3))", () => einsum('ij->ik', counting(2, 3))),
      rejected("einsum('i2->i', counting(2, 3))", () => einsum('i2->i', counting(2, 3))),
      rejected("einsum('i..->i', counting(2, 3))", () => einsum('i..->i', counting(2, 3))),
      rejected("einsumPath('ij,jk->ik', [[2, 3], [3, 4]], { optimize: 'fastest' })", () =>
        einsumPath(
          'ij,jk->ik',
          [
            [2, 3],
            [3, 4],
          ],
          { optimize: 'fastest' as 'auto' },
        ),
      ),
    ];
    const named = (list: readonly { name: string; subscripts: string }[], name: string) => {
      const found = list.find((c) => c.name === name);
      if (!found)
        throw new Error(`EQUATIONS has no contraction '${name}' where the einsum guide expects it.`);
      return found.subscripts;
    };
    const rnn = {
      recurrence: named(EQUATIONS['1a'].literal, 'recurrence'),
      backwardStep: named(EQUATIONS['21'].bptt, 'backwardStep'),
      gradient: named(EQUATIONS['21'].bptt, 'gradient'),
    };
    return { examples, chainPath, literalPath: literalPlan(), compiled, adjoints, errors, rnn };
  },
});
