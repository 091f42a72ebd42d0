// Vocabularies: char level over code points, word level as in the WildML tutorial, and their encode/decode laws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RnnError } from '../src/errors.js';
import {
  buildVocabulary,
  UNKNOWN_CHARACTER,
  unknownTokens,
  vocabularyFromTokens,
} from '../src/text/vocabulary.js';

/** Text made of the pieces the word tokeniser treats specially, so that shrinking finds small counterexamples. */
const wordishText = fc
  .array(
    fc.constantFrom(
      'the',
      'Sea',
      "don't",
      'well-known',
      '3.5',
      '.',
      ',',
      '!',
      '?',
      '(',
      ')',
      '"',
      ' ',
      ' ',
      '\n',
      'é',
      '🙂',
      '<unk>',
      '<s>',
      '-',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof RnnError ? error.code : 'not an RnnError';
  }
  return undefined;
}

describe('char vocabulary', () => {
  it('decode(encode(text)) equals text for any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), (text) => {
        const vocabulary = buildVocabulary(text);
        expect(vocabulary.decode(vocabulary.encode(text))).toBe(text);
      }),
    );
  });

  it('has one token per distinct code point, sorted by code point, one id per code point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), (text) => {
        const vocabulary = buildVocabulary(text);
        const points = [...new Set(text)].map((c) => c.codePointAt(0) ?? -1).sort((a, b) => a - b);
        expect(vocabulary.tokens.map((c) => c.codePointAt(0))).toEqual(points);
        expect(vocabulary.encode(text)).toHaveLength([...text].length);
      }),
    );
  });

  it('treats an astral character as one token, not two UTF-16 halves', () => {
    const vocabulary = buildVocabulary('🙂a🙂');
    expect(vocabulary.tokens).toEqual(['a', '🙂']);
    expect(vocabulary.encode('🙂a🙂')).toEqual([1, 0, 1]);
  });

  it('keeps the most frequent characters and U+FFFD under a cap', () => {
    const vocabulary = buildVocabulary('aaabbcd', { maxSize: 3 });
    expect(vocabulary.tokens).toEqual(['a', 'b', UNKNOWN_CHARACTER]);
    expect(vocabulary.decode(vocabulary.encode('abcz'))).toBe(`ab${UNKNOWN_CHARACTER}${UNKNOWN_CHARACTER}`);
  });

  it('rejects unknown characters, bad ids and empty text with their codes', () => {
    const vocabulary = buildVocabulary('ab');
    expect(() => vocabulary.encode('abc')).toThrow(/"c" \(U\+0063\) at offset 2/);
    expect(codeOf(() => vocabulary.decode([0, 2]))).toBe('bad-argument');
    expect(codeOf(() => vocabulary.decode([0.5]))).toBe('bad-argument');
    expect(codeOf(() => buildVocabulary(''))).toBe('empty-text');
  });
});

describe('word vocabulary', () => {
  it('lists <unk>, <s>, </s>, then words by decreasing frequency', () => {
    const vocabulary = buildVocabulary('The cat sat. The dog sat!\nA cat', { level: 'word' });
    expect(vocabulary.tokens).toEqual(['<unk>', '<s>', '</s>', 'cat', 'sat', 'the', '!', '.', 'a', 'dog']);
    expect(vocabulary.decode(vocabulary.encode('The cat sat. A dog'))).toBe('the cat sat.\na dog');
  });

  it('lists the distinct tokens a text has outside the vocabulary, in order of appearance', () => {
    const words = buildVocabulary('The cat sat.', { level: 'word' });
    expect(unknownTokens(words, 'A dog, a cat and a dog.')).toEqual(['a', 'dog', ',', 'and']);
    expect(unknownTokens(buildVocabulary('abc'), 'abdcade')).toEqual(['d', 'e']);
  });

  it('maps words beyond the cap to <unk>', () => {
    const vocabulary = buildVocabulary('b b b a a c', { level: 'word', maxSize: 5 });
    expect(vocabulary.tokens).toEqual(['<unk>', '<s>', '</s>', 'b', 'a']);
    expect(vocabulary.encode('a c b')).toEqual([1, 4, 0, 3, 2]);
  });

  it('encode(decode(encode(text))) equals encode(text): decoding loses only case and spacing', () => {
    fc.assert(
      fc.property(wordishText, wordishText, (vocabularyText, text) => {
        const vocabulary = buildVocabulary(`${vocabularyText} sea`, { level: 'word' });
        const ids = vocabulary.encode(text);
        expect(vocabulary.encode(vocabulary.decode(ids))).toEqual(ids);
      }),
    );
  });

  it('rebuilds from its token list, and rejects lists no vocabulary can have', () => {
    const vocabulary = buildVocabulary('one two. two', { level: 'word' });
    const copy = vocabularyFromTokens('word', vocabulary.tokens);
    expect(copy.encode('two one')).toEqual(vocabulary.encode('two one'));
    expect(codeOf(() => vocabularyFromTokens('word', ['a', '<s>', '</s>']))).toBe('bad-field');
    expect(codeOf(() => vocabularyFromTokens('char', ['a', 'a']))).toBe('bad-field');
    expect(codeOf(() => vocabularyFromTokens('char', ['ab']))).toBe('bad-field');
    expect(codeOf(() => buildVocabulary('a', { level: 'word', maxSize: 3 }))).toBe('bad-argument');
  });
});
