// Writes @rnn/core's initial parameters for a text as raw float64 (U, W, V row-major), so numpy starts from them.
//
// Usage: node bench/initial-params.mjs FILE --hidden 100 --out PARAMS.bin   (seed 1, as measure-core.mjs)
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildVocabulary, initParams } from '../dist/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { hidden: { type: 'string', default: '100' }, out: { type: 'string' } },
});
const vocabulary = buildVocabulary(readFileSync(positionals[0], 'utf8'));
const { U, W, V } = initParams({ vocabSize: vocabulary.size, hiddenSize: Number(values.hidden), seed: 1 });
const all = new Float64Array(U.size + W.size + V.size);
all.set(U.toFlat(), 0);
all.set(W.toFlat(), U.size);
all.set(V.toFlat(), U.size + W.size);
writeFileSync(values.out, new Uint8Array(all.buffer));
