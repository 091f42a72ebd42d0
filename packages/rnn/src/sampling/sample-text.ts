// Sampling: draw tokens from the model's softmax at a temperature, from a seed, after an optional prime text.
import { tensor } from '@rnn/einsum';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { RnnError } from '../errors.js';
import { type Params, paramData } from '../model/params.js';
import { Random } from '../random.js';
import { SENTENCE_END, SENTENCE_START, UNKNOWN_TOKEN } from '../text/tokenizer.js';
import { type Vocabulary, vocabularyFromTokens } from '../text/vocabulary.js';
import { type NextToken, nextTokenModel } from './next-token.js';

/**
 * Options of {@link sampleText}.
 *
 * @example
 * ```ts
 * sampleText(checkpoint, { length: 100, temperature: 0.5, seed: 3, prime: 'The ' } satisfies SampleOptions);
 * ```
 */
export interface SampleOptions {
  /** Tokens to generate after the prime (default 200). */
  length?: number;
  /** Divides the logits before the softmax: below 1 sharper, above 1 flatter (default 1). */
  temperature?: number;
  /** Seeds the draws; equal seeds give equal text (default 1). */
  seed?: number;
  /** Text fed to the model before sampling, returned at the start of the result (default none). */
  prime?: string;
  /** Draw only among the `topK` most likely tokens, renormalised (default: all of them). */
  topK?: number;
  /** Take the most likely token every time instead of drawing (char-rnn's `-sample 0`); ignores temperature. */
  argmax?: boolean;
}

/**
 * How {@link drawTokens} picks each token: `length` tokens, at `temperature` (default 1), with `random`; never the
 * token `avoid` (default −1: none); among the `topK` most likely only, or the most likely with `argmax`.
 */
export interface DrawOptions {
  readonly length: number;
  readonly random: Random;
  readonly temperature?: number;
  readonly avoid?: number;
  readonly topK?: number;
  readonly argmax?: boolean;
}

/** Zeroes every probability but the `k` largest (ties go to the lower id), in place. */
function keepTopK(probs: Float64Array, k: number, order: Int32Array): void {
  if (k >= probs.length) return;
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (probs[b] as number) - (probs[a] as number) || a - b);
  for (let i = k; i < order.length; i++) probs[order[i] as number] = 0;
}

/** The id of the largest probability (the lowest id among equals), or −1 when none is positive. */
function mostLikely(probs: Float64Array): number {
  let token = -1;
  for (let k = 0; k < probs.length; k++) {
    if ((probs[k] as number) > 0 && (token < 0 || (probs[k] as number) > (probs[token] as number))) token = k;
  }
  return token;
}

/**
 * Draws `options.length` tokens: from `first` and the model's hidden state (advanced as it goes), each step feeds
 * the token, computes softmax(V s / temperature) and picks the next token: by inverse CDF with the random draw,
 * among the top k when `topK` is set, or the most likely one with `argmax`. The token `avoid` (word level:
 * `<unk>`, as in the tutorial) is never picked.
 *
 * @example
 * ```ts
 * const ids = drawTokens(nextTokenModel(params), 0, { length: 20, random: new Random(1) }); // 20 token ids
 * ```
 */
export function drawTokens(model: NextToken, first: number, options: DrawOptions): number[] {
  const { length, random, temperature = 1, avoid = -1, topK, argmax = false } = options;
  const probs = new Float64Array(model.distributionSize);
  const order = new Int32Array(topK === undefined ? 0 : probs.length);
  const drawn: number[] = [];
  let token = first;
  for (let n = 0; n < length; n++) {
    model.feed(token);
    model.distribution(probs, temperature);
    if (avoid >= 0) probs[avoid] = 0;
    if (topK !== undefined) keepTopK(probs, topK, order);
    token = argmax ? mostLikely(probs) : drawFrom(probs, random);
    if (token < 0) throw new RnnError('not-finite', 'sampling: the model gave no finite probabilities');
    drawn.push(token);
  }
  return drawn;
}

/** Inverse CDF: the first token whose cumulative probability exceeds a uniform draw of the total (−1: none). */
function drawFrom(probs: Float64Array, random: Random): number {
  let total = 0;
  for (let k = 0; k < probs.length; k++) total += probs[k] as number;
  const u = random.next() * total;
  let cumulative = 0;
  let token = -1;
  for (let k = 0; k < probs.length; k++) {
    const p = probs[k] as number;
    cumulative += p;
    if (p > 0) token = k;
    if (u < cumulative && p > 0) break;
  }
  return token;
}

/**
 * The parameters of a checkpoint as tensors (copies: sampling never changes the checkpoint).
 *
 * @example
 * ```ts
 * paramsOf(checkpoint).W.shape; // [H, H]
 * ```
 */
export function paramsOf(checkpoint: Checkpoint): Params {
  const K = checkpoint.vocabulary.tokens.length;
  const H = checkpoint.hyperparameters.hiddenSize;
  const { U, W, V } = checkpoint.parameters;
  return { U: tensor(U.slice(), [H, K]), W: tensor(W.slice(), [H, H]), V: tensor(V.slice(), [K, H]) };
}

/**
 * What {@link sampleText} needs of a vocabulary: its level and its tokens in id order. A {@link Vocabulary}
 * qualifies, and so does a checkpoint's `vocabulary` field.
 *
 * @example
 * ```ts
 * const tokens: SampleVocabulary = { level: 'char', tokens: ['\n', ' ', 'a', 'b'] };
 * ```
 */
export type SampleVocabulary = Pick<Vocabulary, 'level' | 'tokens'>;

function check(name: string, ok: boolean, value: unknown, rule: string): void {
  if (!ok) throw new RnnError('bad-argument', `sampleText: ${name} must be ${rule}, got ${String(value)}`);
}

/** The model of either call form of {@link sampleText}, checked: parameters that fit the vocabulary. */
function modelOf(
  source: Checkpoint | Params,
  second: SampleVocabulary | SampleOptions | undefined,
): { params: Params; vocabulary: Vocabulary } {
  if (typeof source !== 'object' || source === null) {
    throw new RnnError(
      'bad-argument',
      `sampleText: expected a checkpoint or parameters { U, W, V }, got ${source}`,
    );
  }
  if ('parameters' in source) {
    const { level, tokens } = source.vocabulary;
    return { params: paramsOf(source), vocabulary: vocabularyFromTokens(level, tokens) };
  }
  const given = second as Partial<SampleVocabulary> | undefined;
  if (
    given === undefined ||
    !Array.isArray(given.tokens) ||
    (given.level !== 'char' && given.level !== 'word')
  ) {
    throw new RnnError(
      'bad-argument',
      "sampleText: with parameters { U, W, V } the second argument must be a vocabulary ({ level: 'char' | " +
        "'word', tokens })",
    );
  }
  const vocabulary = vocabularyFromTokens(given.level, given.tokens);
  const { vocabSize } = paramData(source, 'sampleText');
  if (vocabSize !== vocabulary.size) {
    throw new RnnError(
      'bad-shape',
      `sampleText: U has ${vocabSize} columns (K) but the vocabulary has ${vocabulary.size} tokens`,
    );
  }
  return { params: source, vocabulary };
}

/**
 * Generates text from a trained model, given as a whole checkpoint or as parameters plus a vocabulary: the prime
 * (if any) is fed through the network, then `length` tokens are drawn at `temperature` (among the `topK` most
 * likely, or the most likely with `argmax`). Deterministic for a seed. Without a prime, char level starts as after
 * a line break (or from the first token when there is no line break in the vocabulary) and word level at a
 * sentence start. Word level never draws `<unk>`. The result starts with the prime (word level: as the tokeniser
 * writes it). Neither the checkpoint nor the parameters change.
 *
 * @example
 * ```ts
 * sampleText(checkpoint, { length: 60, temperature: 0.8, seed: 7, prime: 'The harbour' });
 * // 'The harbour was quiet and the baker walked home slowly. ...' (depends on the model)
 * const vocabulary = buildVocabulary(text);
 * const params = initParams({ vocabSize: vocabulary.size, hiddenSize: 32, seed: 1 });
 * sampleText(params, vocabulary, { length: 20, seed: 3 }); // 20 characters of an untrained model's noise
 * ```
 */
export function sampleText(checkpoint: Checkpoint, options?: SampleOptions): string;
export function sampleText(params: Params, vocabulary: SampleVocabulary, options?: SampleOptions): string;
export function sampleText(
  source: Checkpoint | Params,
  second?: SampleVocabulary | SampleOptions,
  third?: SampleOptions,
): string {
  const { params, vocabulary } = modelOf(source, second);
  const options = ('parameters' in source ? (second as SampleOptions | undefined) : third) ?? {};
  const { length = 200, temperature = 1, seed = 1, prime = '', topK, argmax = false } = options;
  check('length', Number.isSafeInteger(length) && length >= 0, length, 'an integer ≥ 0');
  check(
    'temperature',
    temperature > 0 && Number.isFinite(temperature),
    temperature,
    'a positive finite number',
  );
  check('seed', Number.isSafeInteger(seed), seed, 'a safe integer');
  check('prime', typeof prime === 'string', prime, 'a string');
  check('topK', topK === undefined || (Number.isSafeInteger(topK) && topK >= 1), topK, 'an integer ≥ 1');
  check('argmax', typeof argmax === 'boolean', argmax, 'true or false');
  const word = vocabulary.level === 'word';
  const start = word
    ? vocabulary.tokens.indexOf(SENTENCE_START)
    : Math.max(0, vocabulary.tokens.indexOf('\n'));
  let primeIds = vocabulary.encode(prime);
  if (word && primeIds.at(-1) === vocabulary.tokens.indexOf(SENTENCE_END)) primeIds = primeIds.slice(0, -1);
  if (primeIds.length === 0) primeIds = [start];
  const model = nextTokenModel(params);
  for (const id of primeIds.slice(0, -1)) model.feed(id);
  const last = primeIds.at(-1) as number;
  const avoid = word ? vocabulary.tokens.indexOf(UNKNOWN_TOKEN) : -1;
  const drawn = drawTokens(model, last, {
    length,
    temperature,
    random: new Random(seed),
    avoid,
    argmax,
    ...(topK === undefined ? {} : { topK: Math.min(topK, vocabulary.size) }),
  });
  return word ? vocabulary.decode([...primeIds, ...drawn]) : prime + vocabulary.decode(drawn);
}
