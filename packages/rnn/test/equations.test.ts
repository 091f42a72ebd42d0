// Tests of EQUATIONS: well-formed contractions, bptt = adjoints of the forward pass, code regions for the docs.

import { readdirSync, readFileSync } from 'node:fs';
import { adjoint, einsumPath } from '@rnn/einsum';
import { describe, expect, it } from 'vitest';
import { EQUATIONS } from '../src/model/equations.js';

const equations = Object.values(EQUATIONS);

describe('EQUATIONS', () => {
  it('holds (1a), (1b), (13), (14), (21), (24), each under its own number, with a title and TeX', () => {
    expect(Object.keys(EQUATIONS).sort()).toEqual(['13', '14', '1a', '1b', '21', '24']);
    for (const [key, equation] of Object.entries(EQUATIONS)) {
      expect(equation.number).toBe(key);
      expect(equation.title.length).toBeGreaterThan(0);
      expect(equation.tex.length).toBeGreaterThan(0);
      expect(equation.literal.length).toBeGreaterThan(0);
      expect(equation.bptt.length).toBeGreaterThan(0);
    }
  });

  it('names one operand per input of every einsum string, and every string plans for sizes 2–4', () => {
    const sizes = new Map([...'bhijklmnprt'].map((label, i) => [label, 2 + (i % 3)]));
    for (const equation of equations) {
      const contractions = [...equation.literal, ...equation.bptt, ...equation.batched];
      for (const { subscripts, operands, name } of contractions) {
        const inputs = (subscripts.split('->')[0] as string).split(',');
        expect(operands.length, `${equation.number} ${name}`).toBe(inputs.length);
        const shapes = inputs.map((labels) => [...labels].map((label) => sizes.get(label) as number));
        expect(einsumPath(subscripts, shapes).steps.length).toBeGreaterThan(0);
      }
      const names = (form: readonly { name: string }[]) => new Set(form.map((c) => c.name)).size;
      expect(names(equation.literal)).toBe(equation.literal.length);
      expect(names(equation.bptt)).toBe(equation.bptt.length);
      expect(names(equation.batched)).toBe(equation.batched.length);
    }
  });

  it('the batched contractions are the einsum adjoints of the batched forward contractions', () => {
    const [inputProjection, recurrence] = EQUATIONS['1a'].batched;
    const [logits] = EQUATIONS['1b'].batched;
    const [outputError, backwardStep, gradientW] = EQUATIONS['21'].batched;
    const [outputErrorU, backwardStepU, gradientU] = EQUATIONS['24'].batched;
    const [gradientV] = EQUATIONS['13'].batched;
    expect(gradientV.subscripts).toBe(adjoint(logits.subscripts, 0)); // ∂/∂V of q = V s, over every row
    expect(outputError.subscripts).toBe(adjoint(logits.subscripts, 1)); // ∂/∂s of q = V s
    expect(backwardStep.subscripts).toBe(adjoint(recurrence.subscripts, 1)); // ∂/∂s_{t−1} of W s_{t−1}, per stream
    expect(gradientU.subscripts).toBe(adjoint(inputProjection.subscripts, 0)); // ∂/∂U of U x, over every row
    // ∂/∂W of one step's W s_{t−1} over its streams b, summed over the steps too: b becomes the row label n
    expect(gradientW.subscripts).toBe(adjoint(recurrence.subscripts, 0).replaceAll('b', 'n'));
    // (24) shares (21)'s way back to Δ
    expect([outputErrorU, backwardStepU]).toEqual([outputError, backwardStep]);
  });

  it('declares the one-hot products of the training step: the gather of U x and the scatter of dU, and no others', () => {
    const flagged = Object.values(EQUATIONS).flatMap((equation) =>
      [...equation.literal, ...equation.bptt, ...equation.batched]
        .filter((c) => c.oneHot !== undefined)
        .map((c) => `${equation.number} ${c.name} ${c.subscripts} ${c.oneHot}`),
    );
    expect(new Set(flagged)).toEqual(
      new Set(['1a inputProjection hk,nk->nh gather', '24 gradient nh,nk->hk scatter']),
    );
    // each flagged contraction has x as an operand: that is what makes it a gather or a scatter
    for (const equation of Object.values(EQUATIONS)) {
      for (const c of equation.batched.filter((c) => c.oneHot !== undefined))
        expect(c.operands).toContain('x');
    }
  });

  it('the bptt contractions are the einsum adjoints of the forward contractions', () => {
    const [inputProjection, recurrence] = EQUATIONS['1a'].bptt;
    const [logits] = EQUATIONS['1b'].bptt;
    const [outputError, backwardStep, gradientW] = EQUATIONS['21'].bptt;
    const [, , gradientU] = EQUATIONS['24'].bptt;
    const [gradientV] = EQUATIONS['13'].bptt;
    expect(gradientV.subscripts).toBe(adjoint(logits.subscripts, 0)); // ∂/∂V of q = V s
    expect(outputError.subscripts).toBe(adjoint(logits.subscripts, 1)); // ∂/∂s of q = V s
    expect(backwardStep.subscripts).toBe(adjoint(recurrence.subscripts, 1)); // ∂/∂s_{t−1} of W s_{t−1}
    expect(gradientU.subscripts).toBe(adjoint(inputProjection.subscripts, 0)); // ∂/∂U of U x
    // ∂/∂W of the recurrence written over all steps at once, W s_prev: 'hj,tj->th'
    expect(gradientW.subscripts).toBe(adjoint('hj,tj->th', 0));
    expect(recurrence.subscripts.replace(',j->h', ',tj->th')).toBe('hj,tj->th');
  });

  it('the literal (21) and (24) contract the printed indices: (ŷ−y)_l V_lm (∂s_t/∂s_r)_mn (∂s_r/∂θ)_nij', () => {
    for (const number of ['21', '24'] as const) {
      const gradient = EQUATIONS[number].literal.at(-1);
      expect(gradient?.subscripts).toBe('tl,lm,trmn,rnij->ij');
    }
  });
});

describe('code regions for the docs', () => {
  const source = (dir: string) =>
    readdirSync(new URL(dir, import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(new URL(`${dir}/${file}`, import.meta.url), 'utf8'))
      .join('\n');
  const count = (text: string, marker: string) => text.split(marker).length - 1;

  it('every equation region opens and closes exactly once in src/ and its folders', () => {
    const text = source('../src');
    for (const region of [
      'eq1a',
      'eq1b',
      'eq13-literal',
      'eq13-bptt',
      'eq21-literal',
      'eq21-bptt',
      'eq24-literal',
      'eq24-bptt',
    ]) {
      expect(count(text, `// #region ${region}\n`), region).toBe(1);
      expect(count(text, `// #endregion ${region}\n`), region).toBe(1);
    }
  });

  it('every equation test region opens and closes exactly once in test/', () => {
    const text = source('.');
    for (const region of [
      'eq13-literal',
      'eq21-literal',
      'eq24-literal',
      'eq13-bptt',
      'eq21-bptt',
      'eq24-bptt',
      'eq14',
    ]) {
      expect(count(text, `// #region test-${region}\n`), region).toBe(1);
      expect(count(text, `// #endregion test-${region}\n`), region).toBe(1);
    }
  });
});
