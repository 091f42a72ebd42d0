// Vocabularies: Unicode code points (char level) or words with unknown and sentence tokens (word level).
import { RnnError } from '../errors.js';
import {
  detokenizeSentences,
  SENTENCE_END,
  SENTENCE_START,
  tokenizeSentences,
  UNKNOWN_TOKEN,
} from './tokenizer.js';

/**
 * Token granularity: Unicode code points, or words and punctuation marks.
 *
 * @example
 * ```ts
 * const level: Level = 'word';
 * ```
 */
export type Level = 'char' | 'word';

/**
 * A bijection between tokens and ids 0 … size−1, with the text ↔ ids conversions of its level.
 *
 * @example
 * ```ts
 * const v: Vocabulary = buildVocabulary('abba');
 * v.size;            // 2
 * v.encode('ab');    // [0, 1]
 * v.decode([1, 0]);  // 'ba'
 * ```
 */
export interface Vocabulary {
  readonly level: Level;
  readonly tokens: readonly string[];
  readonly size: number;
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
}

/**
 * The default cap on a word vocabulary (the tutorial's vocabulary_size), special tokens included.
 *
 * @example
 * ```ts
 * buildVocabulary(text, { level: 'word' }).size <= DEFAULT_WORD_VOCABULARY_SIZE; // true
 * ```
 */
export const DEFAULT_WORD_VOCABULARY_SIZE = 8000;
/**
 * The token that stands for characters outside a capped character vocabulary (U+FFFD).
 *
 * @example
 * ```ts
 * buildVocabulary('aabc', { maxSize: 2 }).tokens; // ['a', '\uFFFD']
 * ```
 */
export const UNKNOWN_CHARACTER = '\uFFFD';
const WORD_SPECIALS = [UNKNOWN_TOKEN, SENTENCE_START, SENTENCE_END];

/** Tokens in order of decreasing count, ties in code-unit order of the token, so the result is deterministic. */
function byFrequency(counts: Map<string, number>): string[] {
  return [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : 1));
}

const codePoint = (char: string): number => char.codePointAt(0) ?? 0;

function count(tokens: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/**
 * Builds the vocabulary of a text. Char level: every distinct code point, sorted by code point; with `maxSize`
 * below their number, the `maxSize − 1` most frequent plus U+FFFD for the rest. Word level (the WildML
 * tutorial's recipe): `<unk>`, `<s>`, `</s>`, then the `maxSize − 3` most frequent words (default cap 8000).
 *
 * @example
 * ```ts
 * const chars = buildVocabulary('hello');
 * chars.tokens;                            // ['e', 'h', 'l', 'o']
 * chars.decode(chars.encode('hole'));      // 'hole'
 * buildVocabulary('The cat. The dog.', { level: 'word' }).tokens;
 * // ['<unk>', '<s>', '</s>', '.', 'the', 'cat', 'dog']
 * ```
 */
export function buildVocabulary(text: string, options: { level?: Level; maxSize?: number } = {}): Vocabulary {
  const level = options.level ?? 'char';
  if (level !== 'char' && level !== 'word') {
    throw new RnnError('bad-argument', `level must be 'char' or 'word', got ${JSON.stringify(level)}`);
  }
  const minimum = level === 'char' ? 2 : WORD_SPECIALS.length + 1;
  const maxSize =
    options.maxSize ?? (level === 'char' ? Number.POSITIVE_INFINITY : DEFAULT_WORD_VOCABULARY_SIZE);
  if (!(maxSize >= minimum) || (Number.isFinite(maxSize) && !Number.isInteger(maxSize))) {
    throw new RnnError(
      'bad-argument',
      `maxSize must be an integer ≥ ${minimum} for level '${level}', got ${maxSize}`,
    );
  }
  if (level === 'char') {
    const counts = count(text);
    if (counts.size === 0) throw new RnnError('empty-text', 'cannot build a vocabulary from an empty text');
    const kept = counts.size <= maxSize ? [...counts.keys()] : [...byFrequency(counts).slice(0, maxSize - 1)];
    if (counts.size > maxSize && !kept.includes(UNKNOWN_CHARACTER)) kept.push(UNKNOWN_CHARACTER);
    return vocabularyFromTokens(
      'char',
      kept.sort((a, b) => codePoint(a) - codePoint(b)),
    );
  }
  const words = count(tokenizeSentences(text).flat());
  if (words.size === 0)
    throw new RnnError('empty-text', 'cannot build a word vocabulary: the text has no words');
  for (const special of WORD_SPECIALS) words.delete(special);
  return vocabularyFromTokens('word', [...WORD_SPECIALS, ...byFrequency(words).slice(0, maxSize - 3)]);
}

/**
 * Rebuilds a vocabulary from its level and token list (as stored in a checkpoint), checking that the list is
 * one a vocabulary can have: distinct tokens, single code points at char level, the special tokens first at
 * word level.
 *
 * @example
 * ```ts
 * vocabularyFromTokens('char', ['a', 'b']).encode('ba'); // [1, 0]
 * ```
 */
export function vocabularyFromTokens(level: Level, tokens: readonly string[]): Vocabulary {
  const ids = new Map<string, number>();
  tokens.forEach((token, id) => {
    if (typeof token !== 'string' || ids.has(token)) {
      throw new RnnError(
        'bad-field',
        `vocabulary token ${id} (${JSON.stringify(token)}) is not a distinct string`,
      );
    }
    if (level === 'char' && [...token].length !== 1) {
      throw new RnnError(
        'bad-field',
        `char vocabulary token ${id} (${JSON.stringify(token)}) is not one code point`,
      );
    }
    ids.set(token, id);
  });
  if (level === 'word' && WORD_SPECIALS.some((special, id) => tokens[id] !== special)) {
    throw new RnnError('bad-field', `a word vocabulary must start with ${WORD_SPECIALS.join(', ')}`);
  }
  return level === 'char' ? charVocabulary(tokens, ids) : wordVocabulary(tokens, ids);
}

/**
 * The distinct tokens of `text` that `vocabulary` lacks, in order of first appearance: words that encode as
 * `<unk>` at word level; characters at char level (they encode as U+FFFD in a capped vocabulary, and are an error
 * otherwise).
 *
 * @example
 * ```ts
 * unknownTokens(buildVocabulary('the cat sat.', { level: 'word' }), 'The dog sat on the cat.'); // ['dog', 'on']
 * ```
 */
export function unknownTokens(vocabulary: Vocabulary, text: string): string[] {
  const known = new Set(vocabulary.tokens);
  const tokens = vocabulary.level === 'word' ? tokenizeSentences(text).flat() : text;
  const unknown = new Set<string>();
  for (const token of tokens) if (!known.has(token)) unknown.add(token);
  return [...unknown];
}

function checkIds(ids: readonly number[], size: number): void {
  ids.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= size) {
      throw new RnnError(
        'bad-argument',
        `token id at position ${i} is ${id}: ids are integers in [0, ${size})`,
      );
    }
  });
}

function charVocabulary(tokens: readonly string[], ids: ReadonlyMap<string, number>): Vocabulary {
  const unknown = ids.get(UNKNOWN_CHARACTER);
  return {
    level: 'char',
    tokens,
    size: tokens.length,
    encode(text) {
      const out: number[] = [];
      let offset = 0;
      for (const char of text) {
        const id = ids.get(char) ?? unknown;
        if (id === undefined) {
          throw new RnnError(
            'unknown-token',
            `character ${JSON.stringify(char)} (U+${codePoint(char).toString(16).toUpperCase().padStart(4, '0')}) at offset ${offset} is not in the vocabulary`,
          );
        }
        out.push(id);
        offset += char.length;
      }
      return out;
    },
    decode(list) {
      checkIds(list, tokens.length);
      return list.map((id) => tokens[id]).join('');
    },
  };
}

function wordVocabulary(tokens: readonly string[], ids: ReadonlyMap<string, number>): Vocabulary {
  const [unknown, start, end] = [0, 1, 2];
  return {
    level: 'word',
    tokens,
    size: tokens.length,
    encode(text) {
      return tokenizeSentences(text).flatMap((sentence) => [
        start,
        ...sentence.map((word) => ids.get(word) ?? unknown),
        end,
      ]);
    },
    decode(list) {
      checkIds(list, tokens.length);
      const sentences: string[][] = [];
      let sentence: string[] = [];
      for (const id of list) {
        if (id === start) continue;
        if (id === end) {
          if (sentence.length > 0) sentences.push(sentence);
          sentence = [];
        } else sentence.push(tokens[id] ?? UNKNOWN_TOKEN);
      }
      if (sentence.length > 0) sentences.push(sentence);
      return detokenizeSentences(sentences);
    },
  };
}
