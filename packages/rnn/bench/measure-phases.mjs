// Where a training step's time goes: each part of @rnn/core's step timed alone at the step's shapes (one JSON line).
//
// Usage: node bench/measure-phases.mjs --hidden 256 --batch 1 [--precision float64] [--vocab 66] [--seq 25]
// The parts are what the step runs, over resident tensors as the step keeps them: the 2·T per-step products (the
// recurrence W s_{t−1} and Wᵀδ), the four products over all rows (logits, dV, g = Vᵀe, dW), the elementwise
// kernels (tanh with the gather of U x, softmax with cross-entropy, the δ gate, the scatter of dU), and Adagrad
// with its gradient statistics; then the whole step (run + inspect + update) for comparison. Medians of many
// calls; the sum of the parts against the whole shows what is left (calls, JS between them).
import { parseArgs } from 'node:util';
import { arena, compile } from '@rnn/einsum';
import { createOptimizer, createTrainingStep, EQUATIONS, initParams } from '../dist/index.js';
import { residentKernels } from '../dist/kernels/elementwise.js';

const { values } = parseArgs({
  options: {
    hidden: { type: 'string', default: '256' },
    batch: { type: 'string', default: '1' },
    precision: { type: 'string', default: 'float64' },
    vocab: { type: 'string', default: '66' },
    seq: { type: 'string', default: '25' },
  },
});
const [H, B, K, T] = [values.hidden, values.batch, values.vocab, values.seq].map(Number);
const dtype = values.precision;
const N = T * B;

/** Median microseconds per call of `f`, over batches that last about 20 ms each. */
function time(f) {
  for (let i = 0; i < 20; i++) f();
  let calls = 1;
  for (let start = performance.now(); performance.now() - start < 20; calls++) f();
  const samples = [];
  for (let round = 0; round < 15; round++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) f();
    samples.push(((performance.now() - start) * 1000) / calls);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

const bytes = dtype === 'float32' ? 4 : 8;
const memory = arena({
  name: 'phases',
  reserve: (3 * H * H + 4 * K * H + 4 * N * H + 2 * N * K + 3 * N) * bytes + 8 * N + 4096,
});
const random = (shape) => {
  const t = memory.zeros(shape, { dtype });
  const data = t.data;
  for (let i = 0; i < data.length; i++) data[i] = (Math.random() - 0.5) * 0.2;
  return t;
};
const [W, V, s, S, Q, G, D, dW, dV, Ut, mixed] = [
  [H, H],
  [K, H],
  [B, H],
  [N, H],
  [N, K],
  [N, H],
  [N, H],
  [H, H],
  [K, H],
  [K, H],
  [B, H],
].map(random);
const stats = random([3 * N]);
const ids = memory.zeros([N]);
const batched = (number, index) => EQUATIONS[number].batched[index].subscripts;
const expression = (number, index, shapes) => compile(batched(number, index), shapes);
const recurrence = expression('1a', 1, [
  [H, H],
  [B, H],
]);
const backward = expression('21', 1, [
  [B, H],
  [H, H],
]);
const logits = expression('1b', 0, [
  [K, H],
  [N, H],
]);
const gradientV = expression('13', 0, [
  [N, K],
  [N, H],
]);
const outputError = expression('21', 0, [
  [N, K],
  [K, H],
]);
const gradientW = expression('21', 2, [
  [N, H],
  [N, H],
]);
const kernels = residentKernels(dtype);
// made after the compilations (their staging space may grow the memory, which detaches earlier views)
const tokens = new Int32Array(ids.data.buffer, ids.byteOffset, N);
for (let i = 0; i < N; i++) tokens[i] = i % K;
const row = (t) => t.data.subarray(0, B * H);

const parts = {
  'recurrence W s (×T)': T * time(() => recurrence.into(mixed, W, s)),
  'backward Wᵀδ (×T)': T * time(() => backward.into(mixed, s, W)),
  'logits q = V s': time(() => logits.into(Q, V, S)),
  'dV = Σ e ⊗ s': time(() => gradientV.into(dV, Q, S)),
  'g = Vᵀe': time(() => outputError.into(G, Q, V)),
  'dW = Σ Δ ⊗ s_prev': time(() => gradientW.into(dW, D, S)),
  'tanh and the gather of U x (×T)':
    T * time(() => kernels.tanhGather(row(mixed), row(mixed), Ut.data, tokens, B, H)),
  'softmax with cross-entropy': time(() => {
    Q.data.fill(0.01);
    kernels.softmaxRows(Q.data, tokens, N, K, N, stats.data);
  }),
  'δ gate (×T)': T * time(() => kernels.gate(row(mixed), row(G), row(D), row(S), B * H)),
  'scatter of dU': time(() => kernels.scatterAdd(Ut.data, D.data, tokens, N, H)),
};

const step = createTrainingStep({
  vocabSize: K,
  hiddenSize: H,
  seqLength: T,
  batchSize: B,
  precision: dtype,
});
step.load(initParams({ vocabSize: K, hiddenSize: H, seed: 1 }));
const slots = ['U', 'W', 'V'].map((name) => ({
  parameter: step.params[name],
  gradient: step.gradients[`d${name}`],
}));
const settings = { learningRate: 0.1, clip: 5, evaluateEvery: 100, halveOnRise: false };
const optimizer = createOptimizer('adagrad', slots, settings);
parts['Adagrad and the gradient norm'] = time(() => {
  optimizer.inspect();
  optimizer.update();
});
const inputs = Int32Array.from({ length: N }, (_, i) => (i * 7) % K);
const targets = Int32Array.from({ length: N }, (_, i) => (i * 3 + 1) % K);
const whole = time(() => {
  step.run(inputs, targets);
  optimizer.inspect();
  optimizer.update();
  step.carry();
});
const sum = Object.values(parts).reduce((a, b) => a + b, 0);
const contractions = Object.entries(parts)
  .slice(0, 6)
  .reduce((a, [, b]) => a + b, 0);
console.log(
  JSON.stringify({
    hidden: H,
    batch: B,
    precision: dtype,
    vocab: K,
    stepMicroseconds: whole,
    contractionMicroseconds: contractions,
    partsMicroseconds: parts,
    otherMicroseconds: Math.max(0, whole - sum),
    flopsPerStep: 2 * (2 * T * B * H * H + 3 * N * K * H + N * H * H),
  }),
);
