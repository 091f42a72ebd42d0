// TensorFlow.js peer: tfjs-layers SimpleRNN (tanh, no biases) + dense softmax, Adagrad 0.1, stateful over chunks.
//
// Usage: node bench/measure-tfjs.mjs FILE --backend cpu|wasm --hidden 100 --chars 10000 [--seq 25]
// Prints one JSON line: chars per CPU second and the mean loss of the last 10% of steps.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * tfjs-layers calls chained tensor methods (x.reshape(…)), which the full tfjs bundle registers; the Node build of
 * tfjs-core does not, and its ES module files cannot be imported by Node. So: t.op(...a) → tf.op(t, ...a) for
 * every op that tfjs-core ships a chained form of.
 */
function registerChainedOps(tf) {
  const require = createRequire(import.meta.url);
  const folder = join(
    dirname(require.resolve('@tensorflow/tfjs-core/package.json')),
    'dist/public/chained_ops',
  );
  const prototype = tf.Tensor.prototype;
  for (const file of readdirSync(folder)) {
    const name = file.replace(/\.js$/, '').replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
    if (!file.endsWith('.js') || name in prototype || typeof tf[name] !== 'function') continue;
    prototype[name] = function chained(...args) {
      return tf[name](this, ...args);
    };
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    backend: { type: 'string', default: 'cpu' },
    hidden: { type: 'string', default: '100' },
    chars: { type: 'string', default: '10000' },
    seq: { type: 'string', default: '25' },
  },
});
const tf = await import('@tensorflow/tfjs-core');
registerChainedOps(tf);
const tfl = await import('@tensorflow/tfjs-layers');
if (values.backend === 'wasm') {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  wasm.setWasmPaths(`${join(dist, '/')}`);
  wasm.setThreadsCount?.(1);
} else {
  await import('@tensorflow/tfjs-backend-cpu');
}
if (!(await tf.setBackend(values.backend))) throw new Error(`backend ${values.backend} did not initialise`);
await tf.ready();

const text = readFileSync(positionals[0], 'utf8');
const chars = [...new Set(text)].sort();
const index = new Map(chars.map((c, i) => [c, i]));
const data = Int32Array.from(text, (c) => index.get(c));
const K = chars.length;
const H = Number(values.hidden);
const T = Number(values.seq);
const steps = Math.max(1, Math.floor(Number(values.chars) / T));

const model = tfl.sequential();
// The tutorial's initialisation, as in @rnn/core: uniform in ±1/√fan-in.
const uniform = (fanIn) =>
  tfl.initializers.randomUniform({ minval: -1 / Math.sqrt(fanIn), maxval: 1 / Math.sqrt(fanIn), seed: 1 });
model.add(
  tfl.layers.simpleRNN({
    units: H,
    returnSequences: true,
    stateful: true,
    useBias: false,
    batchInputShape: [1, T, K],
    kernelInitializer: uniform(K),
    recurrentInitializer: uniform(H),
  }),
);
model.add(
  tfl.layers.dense({ units: K, activation: 'softmax', useBias: false, kernelInitializer: uniform(H) }),
);
model.compile({ optimizer: tf.train.adagrad(0.1), loss: 'categoricalCrossentropy' });

const losses = [];
let position = 0;
const start = performance.now();
const cpuStart = process.cpuUsage();
for (let step = 0; step < steps; step++) {
  if (position + T > data.length - 1) {
    position = 0;
    model.resetStates();
  }
  const [x, y] = tf.tidy(() => [
    tf.oneHot(tf.tensor1d(data.subarray(position, position + T), 'int32'), K).reshape([1, T, K]),
    tf.oneHot(tf.tensor1d(data.subarray(position + 1, position + T + 1), 'int32'), K).reshape([1, T, K]),
  ]);
  losses.push(Number(await model.trainOnBatch(x, y)));
  tf.dispose([x, y]);
  position += T;
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const tail = losses.slice(-Math.max(1, Math.floor(steps / 10)));
console.log(
  JSON.stringify({
    implementation: `tfjs-layers SimpleRNN (${values.backend})`,
    hidden: H,
    batch: 1,
    chars: steps * T,
    seconds,
    cpuSeconds,
    charsPerSecond: (steps * T) / seconds,
    charsPerCpuSecond: (steps * T) / cpuSeconds,
    loss: tail.reduce((a, b) => a + b, 0) / tail.length,
    note: 'no gradient clipping (tfjs-layers has no clipvalue)',
  }),
);
