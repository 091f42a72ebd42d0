// One @rnn/core training measurement in a fresh process: chars per second (wall and CPU), loss reached, peak RSS.
//
// Usage: node bench/measure-core.mjs FILE --hidden 100 --batch 1 --chars 50000 [--precision float64] [--seq 25]
//          [--trace LOSSES.json]
// Prints one JSON line. The clock runs around the training loop (the trainer is made before it starts).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createTrainer } from '../dist/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    hidden: { type: 'string', default: '100' },
    batch: { type: 'string', default: '1' },
    chars: { type: 'string', default: '50000' },
    seq: { type: 'string', default: '25' },
    precision: { type: 'string', default: 'float64' },
    trace: { type: 'string' },
  },
});
const [file] = positionals;
const hiddenSize = Number(values.hidden);
const batchSize = Number(values.batch);
const seqLength = Number(values.seq);
const text = readFileSync(file, 'utf8');
const steps = Math.max(1, Math.floor(Number(values.chars) / (seqLength * batchSize)));
const trainer = createTrainer({
  text,
  hiddenSize,
  batchSize,
  seqLength,
  steps,
  sampleEvery: 0,
  seed: 1,
  precision: values.precision,
});
const losses = [];
const start = performance.now();
const cpuStart = process.cpuUsage();
for await (const event of trainer.run()) {
  if (event.type === 'step') losses.push(event.loss);
  if (event.type === 'error') throw new Error(event.message);
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
if (values.trace) writeFileSync(values.trace, JSON.stringify(losses));
const tail = losses.slice(-Math.max(1, Math.floor(steps / 10)));
console.log(
  JSON.stringify({
    implementation: '@rnn/core',
    hidden: hiddenSize,
    batch: batchSize,
    precision: values.precision,
    chars: steps * seqLength * batchSize,
    seconds,
    cpuSeconds,
    charsPerSecond: (steps * seqLength * batchSize) / seconds,
    charsPerCpuSecond: (steps * seqLength * batchSize) / cpuSeconds,
    loss: tail.reduce((a, b) => a + b, 0) / tail.length,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    textBytes: Buffer.byteLength(text),
  }),
);
