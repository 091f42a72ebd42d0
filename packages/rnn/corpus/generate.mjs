#!/usr/bin/env node
// Generates the shipped corpus: English prose from this project's own grammar and word lists, deterministic per seed.
//
// Usage: node corpus/generate.mjs [--bytes N] [--seed N] [--out FILE]   (defaults: 300000, 1, corpus/harbour-tales.txt)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SENTENCE_RULES } from './sentences.mjs';
import { WORD_RULES } from './words.mjs';

/** Every rule of the grammar: sentence shapes and word lists, each a list of alternatives. */
const GRAMMAR = { ...SENTENCE_RULES, ...WORD_RULES };

/** A small seeded generator (SplitMix32-style mixing of a Weyl sequence); good enough to pick words. */
function createPicker(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
  return { next, pick: (list) => list[Math.floor(next() * list.length)] };
}

/** Expands a template: {rule} is replaced by an expansion of that rule, recursively. */
function expand(template, random, depth = 0) {
  if (depth > 12) throw new Error(`grammar recursion too deep at ${template}`);
  return template.replace(/\{(\w+)\}/g, (_, name) => {
    const options = GRAMMAR[name];
    if (!options) throw new Error(`unknown grammar rule {${name}}`);
    return expand(random.pick(options), random, depth + 1);
  });
}

const capitalise = (sentence) =>
  sentence.replace(/^(["“]?)(\p{L})/u, (_, quote, letter) => quote + letter.toUpperCase());

/** Paragraphs of 3–7 sentences; every 30–50 paragraphs a numbered chapter heading with a generated title. */
export function generateCorpus(bytes, seed) {
  const random = createPicker(seed);
  const parts = [];
  let length = 0;
  let chapter = 0;
  let untilChapter = 0;
  while (length < bytes) {
    if (untilChapter === 0) {
      chapter += 1;
      untilChapter = 30 + Math.floor(random.next() * 21);
      const title = capitalise(expand('{title}', random));
      parts.push(`Chapter ${chapter}: ${title}`);
    }
    untilChapter -= 1;
    const count = 3 + Math.floor(random.next() * 5);
    const sentences = [];
    for (let i = 0; i < count; i++) sentences.push(capitalise(expand('{sentence}', random)));
    parts.push(sentences.join(' '));
    length += parts.at(-1).length + 2;
  }
  return `${parts.join('\n\n')}\n`;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { values } = parseArgs({
    options: {
      bytes: { type: 'string', default: '300000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  const out = values.out ?? join(dirname(fileURLToPath(import.meta.url)), 'harbour-tales.txt');
  const text = generateCorpus(Number(values.bytes), Number(values.seed));
  writeFileSync(out, text);
  console.log(`wrote ${Buffer.byteLength(text)} bytes to ${out}`);
}
