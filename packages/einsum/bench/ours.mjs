// This package's side of the benchmark: einsum, compiled and resident expressions, the kernel alone, from dist/.
import { syncContender } from './timing.mjs';

/** Results of at least this many elements get a floor contender: a fresh array of that size, filled. */
const FLOOR_ELEMENTS = 1 << 16;

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
    if (['einsum', 'compile', 'tensor', 'arena'].every((name) => typeof api[name] === 'function'))
      ours.api = api;
    else ours.note = 'dist/index.js does not export einsum, compile, tensor and arena';
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
 * Prepares one case: einsum (one-shot: parse, plan, execute) or, for a 'toFlat' case, the copy of the
 * transposed view; the compiled expression's `into` with typed-array operands (and, for the call-overhead
 * case, the allocating call); the same over operands and output in kernel memory (an arena); the case's gemm
 * call alone; and a floor for large results (allocating a fresh array of the result's size and writing it
 * once, by a bulk copy).
 * Returns the results (to check against numpy), each call and its contender (for interleavedTimes), and
 * `release()`.
 * @example prepareOurs(ours, SUITE[0], operands).contenders.einsum
 */
export function prepareOurs(ours, testCase, operands) {
  const out = { contenders: {}, calls: {}, release: () => {} };
  const contend = (key, fn) => {
    out.calls[key] = fn;
    out.contenders[key] = syncContender(fn);
  };
  const { subscripts, shapes } = testCase;
  const dtype = testCase.dtype ?? 'float64';
  const typed = (data) => (dtype === 'float32' ? Float32Array.from(data) : data);
  if (ours.api) {
    const { einsum, compile, tensor, arena } = ours.api;
    const tensors = operands.map(({ data, shape }) => tensor(typed(data), shape));
    const flats = operands.map(({ data }) => typed(data));
    if (testCase.kind === 'toFlat') {
      const view = tensors[0].transpose();
      out.result = view.toFlat();
      out.shape = [...view.shape];
      contend('einsum', () => view.toFlat());
    } else {
      const result = einsum(subscripts, ...tensors);
      out.result = result.toFlat();
      out.shape = [...result.shape];
      contend('einsum', () => einsum(subscripts, ...tensors));
      const expression = compile(subscripts, shapes);
      const target = expression(...flats);
      expression.into(target, ...flats);
      out.compiledResult = target.toFlat();
      contend('compiled', () => expression.into(target, ...flats));
      if (testCase.overhead) contend('compiledAllocating', () => expression(...flats));
      if (testCase.resident) {
        const space = arena({ name: testCase.name });
        const resident = tensors.map((t) => space.tensor(t));
        const residentOut = space.zeros(expression.outputShape, { dtype });
        expression.into(residentOut, ...resident);
        out.residentResult = residentOut.toFlat();
        contend('resident', () => expression.into(residentOut, ...resident));
        out.release = () => space.release();
      }
    }
    if (out.result.length >= FLOOR_ELEMENTS) {
      // the floor: a fresh array of the result's size, written once by a bulk copy (no arithmetic)
      const source = out.result.slice();
      const Storage = source.constructor;
      contend('floor', () => new Storage(source.length).set(source));
    }
  }
  if (ours.gemm && testCase.gemm) {
    const { batch, m, n, k, a, transA, b, transB } = testCase.gemm;
    const c = dtype === 'float32' ? new Float32Array(batch * m * n) : new Float64Array(batch * m * n);
    const problem = { batch, m, n, k };
    const matrices = [
      { data: typed(operands[a].data), offset: 0, batchStride: m * k, transposed: transA },
      { data: typed(operands[b].data), offset: 0, batchStride: k * n, transposed: transB },
      { data: c, offset: 0, batchStride: m * n, transposed: false },
    ];
    const call = () => ours.gemm(problem, ...matrices);
    call();
    out.kernelResult = c.slice();
    contend('kernel', call);
  }
  return out;
}
