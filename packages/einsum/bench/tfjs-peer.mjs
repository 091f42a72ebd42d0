// The TensorFlow.js side of the benchmark: tf.einsum on tfjs-core's cpu backend and, if it loads offline, wasm.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { calibrate, timeBatch } from './timing.mjs';

const require = createRequire(import.meta.url);

/**
 * Loads tfjs-core with the cpu and wasm backends (the wasm binary is read from node_modules, no network).
 * Returns { tf, backends: [{ name, ready, note }] }; `tf` is null when tfjs-core is not installed.
 * @example const { backends } = await loadTfjs(); backends.map((b) => b.name) // → ['cpu', 'wasm']
 */
export async function loadTfjs() {
  let tf;
  try {
    tf = require('@tensorflow/tfjs-core');
    require('@tensorflow/tfjs-backend-cpu');
  } catch (error) {
    return { tf: null, backends: [], note: `tfjs-core not installed: ${error.message}` };
  }
  const backends = [{ name: 'cpu', ready: await tf.setBackend('cpu'), note: '' }];
  try {
    const wasm = require('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    const ready = await tf.setBackend('wasm');
    backends.push({ name: 'wasm', ready, note: ready ? '' : 'the wasm backend did not initialise' });
  } catch (error) {
    backends.push({ name: 'wasm', ready: false, note: `did not load: ${error.message}` });
  }
  return { tf, backends, version: tf.version_core };
}

/**
 * Prepares tf.einsum (float32) for one case on one backend: { result, shape, contender, dispose } (the
 * contender for interleavedTimes), or { unsupported: reason } when tf.einsum throws (more than 2 operands,
 * repeated labels, no Einsum kernel in the backend).
 * @example await prepareTfjs(tf, 'cpu', 'ij,jk->ik', operands) // → { result, shape: [256, 256], … }
 */
export async function prepareTfjs(tf, backend, subscripts, operands) {
  await tf.setBackend(backend);
  const inputs = operands.map(({ data, shape }) => tf.tensor(Float32Array.from(data), shape, 'float32'));
  const dispose = () => {
    for (const input of inputs) input.dispose();
  };
  const once = () => {
    const y = tf.tidy(() => tf.einsum(subscripts, ...inputs));
    const values = y.dataSync();
    const shape = y.shape;
    y.dispose();
    return { values, shape };
  };
  try {
    const { values, shape } = once();
    const contender = {
      calibrate: async () => {
        await tf.setBackend(backend);
        return calibrate(once);
      },
      sample: async (reps) => {
        await tf.setBackend(backend);
        return timeBatch(once, reps);
      },
    };
    return { result: values, shape, contender, dispose };
  } catch (error) {
    dispose();
    return { unsupported: error.message.split('\n')[0].slice(0, 120) };
  }
}
