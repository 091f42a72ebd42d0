// This package's side of the benchmark: einsum, the compiled expression, and the gemm kernel alone, from dist/.
import { syncContender } from './timing.mjs';

/**
 * Imports the built package (dist/index.js) and its gemm kernel. `api` is null, with a `note`, until
 * dist/index.js exports einsum, compile and tensor.
 * @example const ours = await loadOurs(); typeof ours.api.einsum // → 'function'
 */
export async function loadOurs() {
  const dist = new URL('../dist/', import.meta.url);
  const ours = { api: null, gemm: null, note: '' };
  try {
    const api = await import(new URL('index.js', dist).href);
    if (['einsum', 'compile', 'tensor'].every((name) => typeof api[name] === 'function')) ours.api = api;
    else ours.note = 'dist/index.js does not export einsum, compile and tensor yet';
  } catch (error) {
    ours.note = `dist/index.js did not load: ${error.message.split('\n')[0]}`;
  }
  try {
    ours.gemm = (await import(new URL('kernels/gemm.js', dist).href)).gemm;
  } catch (error) {
    ours.note += ` (gemm kernel did not load: ${error.message.split('\n')[0]})`;
  }
  return ours;
}

/**
 * Prepares one case: einsum (one-shot: parse, plan, execute), the compiled expression's `into` with
 * Float64Array operands (and, for the call-overhead case, the allocating call), and the case's gemm call
 * alone. Returns their results (for checking against numpy) and a contender (for interleavedTimes) each.
 * @example prepareOurs(ours, SUITE[0], operands).contenders.einsum
 */
export function prepareOurs(ours, testCase, operands) {
  const out = { contenders: {} };
  const { subscripts, shapes } = testCase;
  if (ours.api) {
    const { einsum, compile, tensor } = ours.api;
    const tensors = operands.map(({ data, shape }) => tensor(data, shape));
    const flats = operands.map(({ data }) => data);
    const result = einsum(subscripts, ...tensors);
    out.result = result.toFlat();
    out.shape = [...result.shape];
    out.contenders.einsum = syncContender(() => einsum(subscripts, ...tensors));
    const expression = compile(subscripts, shapes);
    const target = expression(...flats);
    expression.into(target, ...flats);
    out.compiledResult = target.toFlat();
    out.contenders.compiled = syncContender(() => expression.into(target, ...flats));
    if (testCase.overhead) out.contenders.compiledAllocating = syncContender(() => expression(...flats));
  }
  if (ours.gemm && testCase.gemm) {
    const { batch, m, n, k, a, transA, b, transB } = testCase.gemm;
    const c = new Float64Array(batch * m * n);
    const left = operands[a].data;
    const right = operands[b].data;
    const problem = { batch, m, n, k };
    const matrices = [
      { data: left, offset: 0, batchStride: m * k, transposed: transA },
      { data: right, offset: 0, batchStride: k * n, transposed: transB },
      { data: c, offset: 0, batchStride: m * n, transposed: false },
    ];
    const call = () => ours.gemm(problem, ...matrices);
    call();
    out.kernelResult = c.slice();
    out.contenders.kernel = syncContender(call);
  }
  return out;
}
