// The Jacobian chain of (20) the pages plot, against a plain loop over the step Jacobians, and the operand shapes.
import { EQUATIONS, forward, initParams } from '@rnn/core';
import { tensor } from '@rnn/einsum';
import { describe, expect, it } from 'vitest';
import { type ChainSetting, chainNorms } from '../lib/jacobian-chain.js';
import { contractionShapes, EXAMPLE_SIZES } from '../lib/operand-shapes.js';

/** ‖∂s_t/∂s_r‖_F by multiplying diag(1 − s_k²) W matrices with plain loops (the oracle). */
function naiveNorms(gain: number, setting: ChainSetting): number[] {
  const { hiddenSize: H, vocabSize: K, steps, seed } = setting;
  const params = initParams({ vocabSize: K, hiddenSize: H, seed });
  const w0 = params.W.toFlat();
  const rms = Math.sqrt(w0.reduce((a, v) => a + v * v, 0) / w0.length);
  const W = Array.from(w0, (v) => (gain * v) / (rms * Math.sqrt(H)));
  const xs = Array.from({ length: steps }, (_, t) => (t * 5 + seed) % K);
  const s = forward({ ...params, W: tensor(W, [H, H]) }, xs).s.toFlat();
  let P: number[] = Array.from({ length: H * H }, (_, i) => (i % (H + 1) === 0 ? 1 : 0));
  const norms = [Math.sqrt(H)];
  for (let r = steps - 2; r >= 0; r--) {
    const next = new Array<number>(H * H).fill(0);
    for (let m = 0; m < H; m++)
      for (let n = 0; n < H; n++)
        for (let p = 0; p < H; p++) {
          const gate = 1 - (s[(r + 1) * H + p] as number) ** 2;
          next[m * H + n] =
            (next[m * H + n] as number) + (P[m * H + p] as number) * gate * (W[p * H + n] as number);
        }
    P = next;
    norms.push(Math.sqrt(P.reduce((a, v) => a + v * v, 0)));
  }
  return norms;
}

describe('chainNorms', () => {
  it('equals the product of step Jacobians computed by plain loops, for several gains and sizes', () => {
    for (const gain of [0.3, 1, 2.5]) {
      for (const setting of [
        { hiddenSize: 4, vocabSize: 3, steps: 12, seed: 1 },
        { hiddenSize: 33, vocabSize: 8, steps: 20, seed: 7 },
      ]) {
        const fast = chainNorms(gain, setting);
        const slow = naiveNorms(gain, setting);
        expect(fast).toHaveLength(setting.steps);
        // Both sum H products per entry in a different order: relative agreement to ~H·2⁻⁵² per step, 1e-10 overall.
        fast.forEach((norm, d) => {
          expect(
            Math.abs(norm - (slow[d] as number)),
            `gain ${gain}, H ${setting.hiddenSize}, d ${d}`,
          ).toBeLessThanOrEqual(1e-10 * Math.max(1e-300, slow[d] as number));
        });
      }
    }
  });
});

describe('contractionShapes', () => {
  it('gives every contraction of EQUATIONS operands whose labels agree, at the example sizes', () => {
    for (const equation of Object.values(EQUATIONS)) {
      for (const c of [...equation.literal, ...equation.bptt]) {
        const shapes = contractionShapes(c);
        expect(shapes).toHaveLength(c.operands.length);
      }
    }
    const { T, K, H } = EXAMPLE_SIZES;
    expect(
      contractionShapes(EQUATIONS['24'].literal.at(-1) as (typeof EQUATIONS)['24']['literal'][number]),
    ).toEqual([
      [T, K],
      [K, H],
      [T, T, H, H],
      [T, H, H, K],
    ]);
  });

  it('names the operand it does not know', () => {
    const made = { name: 'made', subscripts: 'ij->i', operands: ['Q'], result: 'q', meaning: '' };
    expect(() => contractionShapes(made)).toThrow("no shape for operand 'Q' of 'made'");
  });
});
