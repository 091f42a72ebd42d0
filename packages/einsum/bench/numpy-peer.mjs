// The client of bench/numpy_peer.py: one python process (one BLAS thread) answering JSON-line requests.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Starts the numpy peer with OPENBLAS_NUM_THREADS=1 (and the other BLAS thread variables) so that it uses
 * one core, like this package. Returns { info(), loadCase(subscripts, operands, resultPath), close() }, or null when python3 or numpy
 * is missing.
 * @example const numpy = await startNumpy(); (await numpy.info()).numpy // → '2.4.6'
 */
export async function startNumpy() {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'numpy_peer.py');
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const child = spawn('python3', [script], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const failed = new Promise((resolve) => child.once('error', () => resolve(null)));
  const ask = async (request) => {
    child.stdin.write(`${JSON.stringify(request)}\n`);
    const next = await Promise.race([lines.next(), failed]);
    if (next === null || next.done)
      throw new Error('the numpy peer stopped (is python3 with numpy installed?)');
    const reply = JSON.parse(next.value);
    if (reply.error) throw new Error(`numpy peer: ${reply.error}`);
    return reply;
  };
  try {
    const info = await ask({ cmd: 'info' });
    return {
      info: () => info,
      /**
       * Loads a case into the peer (its operands cast to `dtype`; `kind` 'toFlat' times the copy of a
       * transposed view): returns numpy's FLOP count, its optimize=True result, and one contender (for
       * interleavedTimes) per variant: noOptimize and optimize.
       */
      loadCase: async (subscripts, operands, resultPath, { dtype = 'float64', kind = 'einsum' } = {}) => {
        const reply = await ask({
          cmd: 'case',
          subscripts,
          operands: operands.map(({ path, shape }) => ({ path, shape })),
          result: resultPath,
          dtype,
          kind,
        });
        const bytes = readFileSync(resultPath);
        const contender = (variant) => ({
          calibrate: async () => reply.plans[variant],
          sample: async (reps) => (await ask({ cmd: 'sample', variant, reps })).seconds,
        });
        return {
          flops: reply.flops,
          result: new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8),
          noOptimize: contender('noOptimize'),
          optimize: contender('optimize'),
        };
      },
      close: () => child.stdin.end(),
    };
  } catch (error) {
    console.warn(`numpy peer unavailable: ${error.message}`);
    child.kill();
    return null;
  }
}
