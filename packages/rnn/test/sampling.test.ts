// sampleText: deterministic per seed, sharper at low temperature, continues a prime, never draws <unk>.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../src/checkpoint/checkpoint.js';
import { DEFAULT_CORPUS_PATH } from '../src/node/corpus.js';
import { paramsOf, sampleText } from '../src/sampling/sample-text.js';
import { vocabularyFromTokens } from '../src/text/vocabulary.js';
import { createTrainer } from '../src/training/trainer.js';

const text = readFileSync(DEFAULT_CORPUS_PATH, 'utf8').slice(0, 3000);
let chars: Checkpoint;
let words: Checkpoint;

beforeAll(async () => {
  const charTrainer = createTrainer({ text, hiddenSize: 24, seqLength: 10, steps: 200, sampleEvery: 0 });
  for await (const _ of charTrainer.run());
  chars = charTrainer.checkpoint();
  const wordTrainer = createTrainer({
    text,
    level: 'word',
    maxVocabulary: 60,
    hiddenSize: 16,
    seqLength: 6,
    steps: 60,
    sampleEvery: 0,
  });
  for await (const _ of wordTrainer.run());
  words = wordTrainer.checkpoint();
});

const distinct = (s: string) => new Set(s).size;

describe('sampleText', () => {
  it('gives the same text for the same seed and different text for different seeds', () => {
    const a = sampleText(chars, { length: 80, seed: 11 });
    expect(sampleText(chars, { length: 80, seed: 11 })).toBe(a);
    expect(sampleText(chars, { length: 80, seed: 12 })).not.toBe(a);
    expect([...a]).toHaveLength(80);
  });

  it('becomes greedy as the temperature falls, and more varied as it rises', () => {
    // At temperature 1e-3 logit gaps above ~0.05 become e^-50: every seed picks the argmax.
    const cold = [1, 2, 3].map((seed) => sampleText(chars, { length: 60, temperature: 1e-3, seed }));
    expect(new Set(cold).size).toBe(1);
    const sharp = sampleText(chars, { length: 600, temperature: 0.5, seed: 4 });
    const flat = sampleText(chars, { length: 600, temperature: 3, seed: 4 });
    expect(distinct(flat)).toBeGreaterThan(distinct(sharp));
  });

  it('starts with the prime and continues it', () => {
    const result = sampleText(chars, { length: 30, seed: 2, prime: 'The harbour' });
    expect(result.startsWith('The harbour')).toBe(true);
    expect([...result]).toHaveLength('The harbour'.length + 30);
    expect(sampleText(chars, { length: 0, prime: 'Tide' })).toBe('Tide');
  });

  it('at word level writes words and never <unk>, continuing the prime sentence', () => {
    const result = sampleText(words, { length: 40, seed: 3, prime: 'The, the' });
    expect(result.startsWith('the, the ')).toBe(true);
    expect(result).not.toContain('<unk>');
  });

  it('with argmax takes the most likely token every time, whatever the seed: as top-k with k = 1', () => {
    const greedy = [1, 2, 3].map((seed) =>
      sampleText(chars, { length: 80, argmax: true, seed, temperature: 3 }),
    );
    expect(new Set(greedy).size).toBe(1);
    expect(sampleText(chars, { length: 80, topK: 1, seed: 9 })).toBe(greedy[0]);
    // At temperature 1e-4 any logit gap above ~3e-3 becomes e^-30: drawing is picking the argmax.
    expect(sampleText(chars, { length: 80, temperature: 1e-4, seed: 5 })).toBe(greedy[0]);
  });

  it('with top-k draws only among the k most likely tokens; k ≥ K is plain sampling', () => {
    const K = chars.vocabulary.tokens.length;
    expect(sampleText(chars, { length: 200, topK: K, seed: 4 })).toBe(
      sampleText(chars, { length: 200, seed: 4 }),
    );
    expect(sampleText(chars, { length: 200, topK: 10 * K, seed: 4 })).toBe(
      sampleText(chars, { length: 200, seed: 4 }),
    );
    // Two candidates per step at most: over many seeds, each position shows at most two distinct tokens
    // (positions stay aligned while the draws agree; compare the first token, which follows the same state).
    const firsts = new Set(
      Array.from({ length: 40 }, (_, seed) => sampleText(chars, { length: 1, topK: 2, seed })),
    );
    expect(firsts.size).toBeLessThanOrEqual(2);
    const unrestricted = new Set(
      Array.from({ length: 40 }, (_, seed) => sampleText(chars, { length: 1, seed })),
    );
    expect(unrestricted.size).toBeGreaterThan(2);
  });

  it('rejects bad options with their names', () => {
    expect(() => sampleText(chars, { topK: 0 })).toThrow(/topK must be an integer ≥ 1, got 0/);
    expect(() => sampleText(chars, { temperature: 0 })).toThrow(
      /temperature must be a positive finite number/,
    );
    expect(() => sampleText(chars, { length: -1 })).toThrow(/length must be an integer ≥ 0/);
    expect(() => sampleText(chars, { prime: 'Ж' })).toThrow(
      /"Ж" \(U\+0416\) at offset 0 is not in the vocabulary/,
    );
  });
});

describe('sampleText with parameters and a vocabulary', () => {
  it('draws the same text as from the whole checkpoint, at both levels, for a Vocabulary or a token list', () => {
    for (const checkpoint of [chars, words]) {
      const options = { length: 50, temperature: 0.7, seed: 5, prime: 'The harbour' };
      const expected = sampleText(checkpoint, options);
      const { level, tokens } = checkpoint.vocabulary;
      expect(sampleText(paramsOf(checkpoint), vocabularyFromTokens(level, tokens), options)).toBe(expected);
      expect(sampleText(paramsOf(checkpoint), { level, tokens }, options)).toBe(expected);
    }
  });

  it('leaves the parameters as they were', () => {
    const params = paramsOf(chars);
    const before = [params.U, params.W, params.V].map((t) => t.toFlat());
    sampleText(params, chars.vocabulary, { length: 40, prime: 'The ' });
    expect([params.U, params.W, params.V].map((t) => t.toFlat())).toEqual(before);
  });

  it('rejects a vocabulary of another size, or none, in one line that says what is wrong', () => {
    const params = paramsOf(chars);
    const smaller = { level: 'char' as const, tokens: chars.vocabulary.tokens.slice(1) };
    const K = chars.vocabulary.tokens.length;
    expect(() => sampleText(params, smaller)).toThrow(
      `sampleText: U has ${K} columns (K) but the vocabulary has ${K - 1} tokens`,
    );
    // @ts-expect-error: options where the vocabulary belongs
    expect(() => sampleText(params, { length: 5 })).toThrow(/second argument must be a vocabulary/);
    // @ts-expect-error: a level that does not exist
    expect(() => sampleText(params, { level: 'byte', tokens: ['a'] })).toThrow(/second argument must be/);
    // @ts-expect-error: not a model at all
    expect(() => sampleText(undefined)).toThrow(/expected a checkpoint or parameters/);
  });
});
