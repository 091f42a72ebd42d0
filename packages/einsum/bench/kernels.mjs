// Kernel-level figures (not part of `pnpm bench`): gemm GFLOP/s, the RNN's matrix-vector steps, the JS/WASM crossover.
// Run after `pnpm build`: node bench/kernels.mjs
import { gemm } from '../dist/kernels/gemm.js';
import { gemmJs } from '../dist/kernels/gemm-js.js';
import { gemmWasm } from '../dist/kernels/gemm-wasm.js';
import { calibrate, median, timeBatch } from './timing.mjs';

function random(length, seed) {
  let state = seed | 1;
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = (state >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

function measure(kernel, batch, m, n, k, transA, transB) {
  const a = random(batch * m * k, 1);
  const b = random(batch * k * n, 2);
  const c = new Float64Array(batch * m * n);
  const call = () => kernel(batch, m, n, k, a, 0, m * k, transA, b, 0, k * n, transB, c, 0, m * n, false);
  const { reps } = calibrate(call);
  // 31 samples: the median is what a user sees on this shared machine, the best what the kernel can do
  const samples = Array.from({ length: 31 }, () => timeBatch(call, reps));
  return { seconds: median(samples), best: Math.min(...samples), flops: 2 * batch * m * n * k };
}

const sizes = JSON.parse(process.argv[2] ?? '[256, 100, 256, 2, 4, 6, 8, 10, 12, 16]');
const [big, h1, h2, ...small] = sizes;
const rows = [];
const row = (name, kernel, ...shape) => {
  const { seconds, best, flops } = measure(kernel, ...shape);
  rows.push({
    name,
    'median µs': +(seconds * 1e6).toFixed(3),
    'best µs': +(best * 1e6).toFixed(3),
    'GFLOP/s (median)': +(flops / seconds / 1e9).toFixed(2),
    'GFLOP/s (best)': +(flops / best / 1e9).toFixed(2),
  });
};
row(`gemm ${big}³`, gemm, 1, big, big, big, false, false);
row(`gemm ${big}³ Aᵀ·B`, gemm, 1, big, big, big, true, false);
row(`gemm ${big}³ A·Bᵀ`, gemm, 1, big, big, big, false, true);
row('batched 32×64³', gemm, 32, 64, 64, 64, false, false);
for (const h of [h1, h2]) {
  row(`matvec W·s H=${h}`, gemm, 1, h, 1, h, false, false);
  row(`matvec Wᵀ·δ H=${h}`, gemm, 1, h, 1, h, true, false);
}
row("'ti,tj->ij' 25×100 (Aᵀ·B)", gemm, 1, h1, h1, 25, true, false);
row("'hk,tk->th' 100×65×25 (B·Aᵀ)", gemm, 1, 25, h1, 65, false, true);
for (const s of small) {
  row(`${s}³ JS`, gemmJs, 1, s, s, s, false, false);
  row(`${s}³ WASM`, gemmWasm, 1, s, s, s, false, false);
}
console.table(rows);

// No allocation per call in the steady state: count garbage collections over many calls that alternate
// shapes, layouts and offsets (as an RNN step does); any per-call allocation would trigger scavenges.
const { PerformanceObserver } = await import('node:perf_hooks');
let collections = 0;
const observer = new PerformanceObserver((list) => {
  collections += list.getEntries().length;
});
const H = h1;
const W = random(H * H + 7, 3);
const vector = random(H, 4);
const out = new Float64Array(H);
const square = random(64 * 64, 5);
const product = new Float64Array(64 * 64);
const step = () => {
  gemm(1, H, 1, H, W, 7, 0, false, vector, 0, 0, false, out, 0, 0, false);
  gemm(1, 64, 64, 64, square, 0, 0, false, square, 0, 0, true, product, 0, 0, false);
  gemm(1, H, 1, H, W, 0, 0, true, vector, 0, 0, false, out, 0, 0, true);
};
for (let i = 0; i < 20000; i++) step();
observer.observe({ entryTypes: ['gc'] });
for (let i = 0; i < 100000; i++) step();
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
console.log(`garbage collections during 300000 gemm calls in the steady state: ${collections}`);
