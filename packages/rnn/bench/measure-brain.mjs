// brain.js peer: recurrent.RNN (its own min-char-rnn port: tanh RNN, softmax output, its RMSProp-style update).
//
// Usage: node bench/measure-brain.mjs FILE --hidden 100 --chars 5000 [--seq 25]
// Trains one pass over chunks of seq characters (brain.js trains each string as its own sequence, so no hidden
// state is carried across chunks). Prints one JSON line: chars per CPU second and brain.js's training error.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    hidden: { type: 'string', default: '100' },
    chars: { type: 'string', default: '5000' },
    seq: { type: 'string', default: '25' },
  },
});
const brain = createRequire(import.meta.url)('brain.js');
const text = readFileSync(positionals[0], 'utf8');
const T = Number(values.seq);
const H = Number(values.hidden);
const steps = Math.max(1, Math.floor(Number(values.chars) / T));
const chunks = Array.from({ length: steps }, (_, i) => text.slice(i * T, i * T + T + 1));
// brain.js builds its character table from the training strings (a second train() call starts over).
const net = new brain.recurrent.RNN({ hiddenLayers: [H] });
const start = performance.now();
const cpuStart = process.cpuUsage();
const result = net.train(chunks, { iterations: 1, errorThresh: 0, log: false });
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    implementation: 'brain.js recurrent.RNN',
    version: createRequire(import.meta.url)('brain.js/package.json').version,
    hidden: H,
    batch: 1,
    chars: steps * T,
    seconds,
    cpuSeconds,
    charsPerSecond: (steps * T) / seconds,
    charsPerCpuSecond: (steps * T) / cpuSeconds,
    error: result.error,
    note: 'brain.js reports its own error measure, not comparable with the cross-entropy of the others',
  }),
);
