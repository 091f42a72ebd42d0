// The word-level tokeniser (as in the WildML RNN tutorial): lower-case, sentences, words and punctuation marks.

/**
 * Token that stands for every word outside a capped word vocabulary (the tutorial's UNKNOWN_TOKEN).
 *
 * @example
 * ```ts
 * buildVocabulary('a b', { level: 'word', maxSize: 4 }).tokens[0] === UNKNOWN_TOKEN; // true
 * ```
 */
export const UNKNOWN_TOKEN = '<unk>';
/**
 * Token that opens every sentence (the tutorial's SENTENCE_START).
 *
 * @example
 * ```ts
 * buildVocabulary('Hi.', { level: 'word' }).encode('Hi.'); // [1, 4, 3, 2]: <s> hi . </s>
 * ```
 */
export const SENTENCE_START = '<s>';
/**
 * Token that closes every sentence (the tutorial's SENTENCE_END).
 *
 * @example
 * ```ts
 * buildVocabulary('Hi.', { level: 'word' }).tokens[2] === SENTENCE_END; // true
 * ```
 */
export const SENTENCE_END = '</s>';

// A token is the unknown marker, a word (letters and digits, joined by single inner apostrophes, hyphens or
// dots: "don't", "well-known", "3.5"), or any other single code point that is not white space (punctuation).
const TOKEN = /<unk>|[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const SENTENCE_END_MARK = new Set(['.', '!', '?']);
const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '!', '?', ')']);

/**
 * Splits text into sentences of lower-case tokens. A sentence ends after a '.', '!' or '?' token and at every
 * line break; empty sentences are dropped.
 *
 * @example
 * ```ts
 * tokenizeSentences('The sea was calm. Was it?\nYes');
 * // [['the', 'sea', 'was', 'calm', '.'], ['was', 'it', '?'], ['yes']]
 * ```
 */
export function tokenizeSentences(text: string): string[][] {
  const sentences: string[][] = [];
  for (const line of text.toLowerCase().split(/\r\n|\r|\n/)) {
    let sentence: string[] = [];
    for (const match of line.matchAll(TOKEN)) {
      sentence.push(match[0]);
      if (SENTENCE_END_MARK.has(match[0])) {
        sentences.push(sentence);
        sentence = [];
      }
    }
    if (sentence.length > 0) sentences.push(sentence);
  }
  return sentences;
}

/**
 * Writes sentences of word tokens back as text: one sentence per line, tokens separated by one space except
 * before closing punctuation. Tokenising the result gives the same sentences back.
 *
 * @example
 * ```ts
 * detokenizeSentences([['the', 'sea', ',', 'calm', '.'], ['yes']]); // 'the sea, calm.\nyes'
 * ```
 */
export function detokenizeSentences(sentences: readonly (readonly string[])[]): string {
  return sentences
    .map((sentence) =>
      sentence.map((token, i) => (i === 0 || NO_SPACE_BEFORE.has(token) ? token : ` ${token}`)).join(''),
    )
    .join('\n');
}
