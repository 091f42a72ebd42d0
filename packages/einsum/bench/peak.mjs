// The WebAssembly SIMD peak of the machine, as a contender timed in turns with the kernels (the clock varies).
import { fileURLToPath } from 'node:url';
import { compileWat } from '../scripts/build-wasm.mjs';
import { syncContender } from './timing.mjs';

/** Iterations of one call of the peak loop: about 0.1 ms, so that calibrated batches hold many calls. */
const ITERATIONS = 20000;
/** Chains in peak.wat, and flops per chain per iteration and lane: one multiply and one add. */
const CHAINS = 12;
const FLOPS_PER_LANE = 2;

/**
 * Instantiates bench/peak.wat (built with einsum-wat, like the kernels) and returns, per dtype, a contender
 * for interleavedTimes and the flops of one of its calls: { float64: { contender, flops }, float32: … }.
 * @example const peak = await loadPeak(); peak.float64.flops / seconds / 1e9 // → GFLOP/s
 */
export async function loadPeak() {
  const modules = await compileWat(fileURLToPath(new URL('peak.wat', import.meta.url)));
  const peaks = {};
  for (const { variant, bytes } of modules) {
    const { peak } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
    const lanes = variant === 'f64' ? 2 : 4;
    peaks[variant === 'f64' ? 'float64' : 'float32'] = {
      contender: syncContender(() => peak(ITERATIONS, 1, 0)),
      flops: ITERATIONS * CHAINS * FLOPS_PER_LANE * lanes,
    };
  }
  return peaks;
}
