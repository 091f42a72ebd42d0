// streamLoss and evaluate(): equation (2) over long streams equals the reference loss and a plain-loop oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RnnError } from '../src/errors.js';
import { evaluate } from '../src/evaluate.js';
import { loss } from '../src/model/loss.js';
import { initParams, type Params } from '../src/model/params.js';
import { streamLoss } from '../src/model/stream-loss.js';
import { Random } from '../src/random.js';
import { paramsOf as checkpointParams } from '../src/sampling/sample-text.js';
import { createTrainer } from '../src/training/trainer.js';
import { paramsOf, problems } from './math-arbitraries.js';

// streamLoss and the oracles add the same terms in different orders and blocks: each E_t is exact to a few ε
// of its size (≤ 40 here), and the mean of n of them to about n·ε·40 absolute; 1e-11 relative to max(|a|, 1)
// leaves a margin of more than 100× for the longest streams below (2,000 tokens).
const ROUNDING = 1e-11;
const close = (a: number, b: number) => Math.abs(a - b) <= ROUNDING * Math.max(Math.abs(a), Math.abs(b), 1);

/** Equation (2) with plain loops over the stream from state h0: the oracle. */
function naiveStreamLoss(params: Params, tokens: readonly number[], h0: readonly number[]): number {
  const [H = 0, K = 0] = params.U.shape;
  let s = [...h0];
  let total = 0;
  for (let t = 0; t + 1 < tokens.length; t++) {
    s = Array.from({ length: H }, (_, h) => {
      let z = params.U.at(h, tokens[t] as number);
      for (let j = 0; j < H; j++) z += params.W.at(h, j) * (s[j] as number);
      return Math.tanh(z);
    });
    const q = Array.from({ length: K }, (_, k) => s.reduce((sum, v, h) => sum + params.V.at(k, h) * v, 0));
    const max = Math.max(...q);
    const logSum = max + Math.log(q.reduce((sum, v) => sum + Math.exp(v - max), 0));
    total += logSum - (q[tokens[t + 1] as number] as number);
  }
  return total / (tokens.length - 1);
}

describe('streamLoss', () => {
  it('equals loss(xs, ys) with ys the next tokens, for random models (one block)', () => {
    fc.assert(
      fc.property(problems(), fc.integer({ min: 0, max: 7 }), (problem, last) => {
        const params = paramsOf(problem);
        const tokens = [...problem.xs, last % problem.vocabSize];
        const expected = loss(params, tokens.slice(0, -1), tokens.slice(1));
        expect(close(streamLoss(params, tokens).loss, expected)).toBe(true);
      }),
    );
  });

  it('carries the state across blocks and from h0: equals the plain-loop oracle on streams past 256 tokens', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 250, max: 800 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (K, H, length, seed) => {
          const params = initParams({ vocabSize: K, hiddenSize: H, seed });
          const random = new Random(seed);
          const tokens = Array.from({ length }, () => Math.floor(random.next() * K));
          const h0 = Array.from({ length: H }, () => random.uniform(-1, 1));
          const result = streamLoss(params, tokens, Float64Array.from(h0));
          expect(result.predictions).toBe(length - 1);
          expect(close(result.loss, naiveStreamLoss(params, tokens, h0))).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('uses blocks of fewer rows for a large vocabulary and still agrees with loss() (K = 3000, 2,000 tokens)', () => {
    const K = 3000; // 87 rows per block: the stream crosses 22 block edges
    const params = initParams({ vocabSize: K, hiddenSize: 12, seed: 4 });
    const random = new Random(4);
    const tokens = Array.from({ length: 2000 }, () => Math.floor(random.next() * K));
    const expected = loss(params, tokens.slice(0, -1), tokens.slice(1));
    expect(close(streamLoss(params, tokens).loss, expected)).toBe(true);
  });

  it('rejects a stream of one token and a state of the wrong size', () => {
    const params = initParams({ vocabSize: 3, hiddenSize: 2, seed: 1 });
    expect(() => streamLoss(params, [1])).toThrow(/two tokens at least/);
    expect(() => streamLoss(params, [1, 2], new Float64Array(3))).toThrow(/h0 has 3 values, but H = 2/);
    expect(() => streamLoss(params, [1, 5])).toThrow(RnnError);
  });
});

describe('evaluate', () => {
  const text = 'the cat sat on the mat. the dog sat on the log. '.repeat(8);

  it('scores a text with the reference loss (2), in nats, bits and perplexity', async () => {
    const trainer = createTrainer({ text, hiddenSize: 8, seqLength: 6, steps: 30, sampleEvery: 0 });
    for await (const _ of trainer.run());
    const checkpoint = trainer.checkpoint();
    const other = 'the mat sat on the cat. ';
    const result = evaluate(checkpoint, other);
    const ids = [...other].map((c) => checkpoint.vocabulary.tokens.indexOf(c));
    const params = checkpointParams(checkpoint);
    expect(result.tokens).toBe(ids.length - 1);
    expect(close(result.loss, loss(params, ids.slice(0, -1), ids.slice(1)))).toBe(true);
    expect(result.bitsPerToken).toBeCloseTo(result.loss / Math.LN2, 12);
    expect(result.perplexity).toBeCloseTo(Math.exp(result.loss), 9);
    expect(result.unknownTokens).toEqual([]);
  });

  it('counts unknown words as <unk> at word level and names them; refuses an unknown character', async () => {
    const words = createTrainer({ text, level: 'word', hiddenSize: 6, seqLength: 4, steps: 5 });
    for await (const _ of words.run());
    const result = evaluate(words.checkpoint(), 'The cow sat on the hat.');
    expect(result.unknownTokens).toEqual(['cow', 'hat']);
    expect(result.tokens).toBe(8); // <s> the cow sat on the hat . </s>: 9 tokens, 8 predictions
    const chars = createTrainer({ text, hiddenSize: 6, seqLength: 4, steps: 5 });
    for await (const _ of chars.run());
    expect(() => evaluate(chars.checkpoint(), 'the zebra')).toThrow(
      /character "z" \(U\+007A\) at offset 4 is not in the vocabulary/,
    );
    expect(() => evaluate(chars.checkpoint(), 't')).toThrow(/the text has 1 token; scoring needs two/);
  });
});
