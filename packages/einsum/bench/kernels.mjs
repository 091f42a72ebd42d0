// Kernel-level figures (not part of `pnpm bench`): gemm GFLOP/s, the RNN's matrix-vector steps, the JS/WASM crossover.
// Run after `pnpm build`: node bench/kernels.mjs ['[256, 100, 256, 2, 4, 8]' = n, H₁, H₂, small sizes]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gemm } from '../dist/kernels/gemm.js';
import { gemmJs } from '../dist/kernels/gemm-js.js';
import { matrix } from '../dist/kernels/gemm-types.js';
import { gemmWasm } from '../dist/kernels/gemm-wasm.js';
import { startNumpy } from './numpy-peer.mjs';
import { caseOperands, randomValues as random } from './operands.mjs';
import { interleavedTimes, syncContender } from './timing.mjs';

const numpy = await startNumpy();
const workDir = mkdtempSync(join(tmpdir(), 'einsum-kernels-'));

/**
 * Times one gemm call shape (operands from the benchmark's seeded generator) and, when `subscripts` names the
 * same product for numpy.einsum(optimize=True) (OpenBLAS, one thread), numpy beside it, in turns.
 */
async function measure(kernel, [batch, m, n, k, transA, transB], subscripts) {
  const shapes = [transA ? [k, m] : [m, k], transB ? [n, k] : [k, n]].map((shape) =>
    batch > 1 ? [batch, ...shape] : shape,
  );
  const [a, b] = caseOperands({ shapes }, rows.length, workDir);
  const c = new Float64Array(batch * m * n);
  const operands = [
    matrix(a.data, 0, transA, m * k),
    matrix(b.data, 0, transB, k * n),
    matrix(c, 0, false, m * n),
  ];
  const call = () => kernel({ batch, m, n, k }, ...operands);
  const contenders = [syncContender(call)];
  if (numpy && subscripts)
    contenders.push((await numpy.loadCase(subscripts, [a, b], join(workDir, 'r.f64'))).optimize);
  const [ours, peer] = await interleavedTimes(contenders);
  return { ours, peer, flops: 2 * batch * m * n * k };
}

const sizes = JSON.parse(process.argv[2] ?? '[256, 100, 256, 2, 4, 6, 8, 10, 12, 16]');
const [big, h1, h2, ...small] = sizes;
const rows = [];
const row = async (name, kernel, shape, subscripts) => {
  const { ours, peer, flops } = await measure(kernel, shape, subscripts);
  rows.push({
    name,
    'median µs': +(ours.median * 1e6).toPrecision(3),
    'best µs': +(ours.best * 1e6).toPrecision(3),
    'GFLOP/s (median)': +(flops / ours.median / 1e9).toFixed(2),
    'GFLOP/s (best)': +(flops / ours.best / 1e9).toFixed(2),
    'numpy opt=True µs (median)': peer ? +(peer.median * 1e6).toPrecision(3) : '–',
    'numpy / ours (median)': peer ? +(peer.median / ours.median).toFixed(2) : '–',
  });
};
await row(`gemm ${big}³`, gemm, [1, big, big, big, false, false], 'ij,jk->ik');
await row(`gemm ${big}³ Aᵀ·B`, gemm, [1, big, big, big, true, false], 'ji,jk->ik');
await row(`gemm ${big}³ A·Bᵀ`, gemm, [1, big, big, big, false, true], 'ij,kj->ik');
await row('batched 32×64³', gemm, [32, 64, 64, 64, false, false], 'bij,bjk->bik');
for (const h of [h1, h2]) {
  await row(`matvec W·s H=${h}`, gemm, [1, h, 1, h, false, false], 'ij,jk->ik');
  await row(`matvec Wᵀ·δ H=${h}`, gemm, [1, h, 1, h, true, false], 'ji,jk->ik');
}
await row("'ti,tj->ij' 25×100 (Aᵀ·B)", gemm, [1, h1, h1, 25, true, false], 'ti,tj->ij');
await row("'hk,tk->th' 100×65×25 (A·Bᵀ)", gemm, [1, 25, h1, 65, false, true], 'tk,hk->th');
for (const s of small) {
  await row(`${s}³ JS`, gemmJs, [1, s, s, s, false, false]);
  await row(`${s}³ WASM`, gemmWasm, [1, s, s, s, false, false]);
}
numpy?.close();
rmSync(workDir, { recursive: true, force: true });
console.log(`numpy: ${JSON.stringify(numpy?.info() ?? null)}`);
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
const [w7, w, x, y, sq, sqT, prod] = [
  matrix(W, 7),
  matrix(W, 0, true),
  matrix(vector),
  matrix(out),
  matrix(square),
  matrix(square, 0, true),
  matrix(product),
];
const [matvecProblem, squareProblem, accumulatingProblem] = [
  { batch: 1, m: H, n: 1, k: H },
  { batch: 1, m: 64, n: 64, k: 64 },
  { batch: 1, m: H, n: 1, k: H, accumulate: true },
];
const step = () => {
  gemm(matvecProblem, w7, x, y);
  gemm(squareProblem, sq, sqT, prod);
  gemm(accumulatingProblem, w, x, y);
};
for (let i = 0; i < 20000; i++) step();
observer.observe({ entryTypes: ['gc'] });
for (let i = 0; i < 100000; i++) step();
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
console.log(`garbage collections during 300000 gemm calls in the steady state: ${collections}`);
