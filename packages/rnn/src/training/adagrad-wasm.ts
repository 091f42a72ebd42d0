// Adagrad's update in WebAssembly SIMD (two float64 lanes), assembled here byte by byte; same results as the JS loop.

/** The slice of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  readonly Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** LEB128 of an unsigned integer. */
const leb = (n: number): number[] => {
  const out: number[] = [];
  let rest = n;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
};
const simd = (op: number): number[] => [0xfd, ...leb(op)];
const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];
const name = (s: string): number[] => [...leb(s.length), ...[...s].map((c) => c.charCodeAt(0))];
const f64 = (x: number): number[] => [0x44, ...new Uint8Array(Float64Array.of(x).buffer)];

// The instructions used (WebAssembly 2.0 with SIMD): locals, i32 arithmetic, control flow and f64x2 arithmetic.
const [THETA, G, M, BYTES, LR, CLIP, OFFSET, V_CLIP, V_NEG_CLIP, V_LR, V_EPSILON, V_G, V_M] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
];
const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const tee = (i: number): number[] => [0x22, i];
const address = (pointer: number, offset = OFFSET): number[] => [...get(pointer), ...get(offset), 0x6a]; // pointer + offset
const load = (pointer: number, offset = OFFSET): number[] => [
  ...address(pointer, offset),
  ...simd(0x00),
  4,
  0,
]; // v128.load align 16
const STORE = [...simd(0x0b), 4, 0]; // v128.store align 16
const [SPLAT, ABS, SQRT, ADD, SUB, MUL, DIV, MIN, MAX] = [
  0x14, 0xec, 0xef, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5,
].map(simd) as number[][] as [
  number[],
  number[],
  number[],
  number[],
  number[],
  number[],
  number[],
  number[],
  number[],
];

/**
 * adagrad(theta, g, m, bytes, lr, clip), pointers in bytes, 16-byte aligned, `bytes` a multiple of 16:
 * for each pair of entries g ← min(max(g, −clip), clip); m ← m + g·g; θ ← θ − (lr·g) / √(m + 1e−8),
 * the operations of the JS loop in the same order, so the results are identical bit for bit.
 */
const BODY = [
  [2, 1, 0x7f, 6, 0x7b], // locals: one i32 (offset), six v128
  [...get(CLIP), ...SPLAT, ...set(V_CLIP)],
  [...f64(0), ...get(CLIP), 0xa1, ...SPLAT, ...set(V_NEG_CLIP)], // splat(0 − clip)
  [...get(LR), ...SPLAT, ...set(V_LR)],
  [...f64(1e-8), ...SPLAT, ...set(V_EPSILON)],
  [0x02, 0x40, 0x03, 0x40], // block, loop
  [...get(OFFSET), ...get(BYTES), 0x4f, 0x0d, 1], // br_if out when offset ≥ bytes (unsigned)
  [...load(G), ...get(V_NEG_CLIP), ...MAX, ...get(V_CLIP), ...MIN, ...set(V_G)], // g ← clip(g)
  [...address(M), ...load(M), ...get(V_G), ...get(V_G), ...MUL, ...ADD, ...tee(V_M), ...STORE], // m += g·g
  [...address(THETA), ...load(THETA), ...get(V_LR), ...get(V_G), ...MUL], // θ, lr·g …
  [...get(V_M), ...get(V_EPSILON), ...ADD, ...SQRT, ...DIV, ...SUB, ...STORE], // θ − lr·g / √(m + ε)
  [...get(OFFSET), 0x41, 16, 0x6a, ...set(OFFSET)], // offset += 16
  [0x0c, 0, 0x0b, 0x0b, 0x0b], // br loop, end loop, end block, end function
].flat();

const [S_G, S_BYTES, S_OUT, S_OFFSET, S_V, S_W, S_SUM, S_SUM2, S_MAX, S_MAX2] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
];
/** v128.load of the second pair of a 32-byte stride (memarg offset 16). */
const loadSecond = (pointer: number, offset: number): number[] => [
  ...address(pointer, offset),
  ...simd(0x00),
  4,
  16,
];
/**
 * statistics(g, bytes, out), `bytes` a multiple of 32: Σ g² and max |g| over the gradient buffer, four lanes
 * at a time in two independent chains (so additions overlap), combined and written as two v128 at out (the
 * caller adds and compares their two lanes). NaN propagates through both.
 */
const STATISTICS_BODY = [
  [2, 1, 0x7f, 6, 0x7b], // locals: one i32 (offset), six v128 (zero-initialised)
  [0x02, 0x40, 0x03, 0x40], // block, loop
  [...get(S_OFFSET), ...get(S_BYTES), 0x4f, 0x0d, 1], // br_if out when offset ≥ bytes (unsigned)
  [...load(S_G, S_OFFSET), ...set(S_V), ...loadSecond(S_G, S_OFFSET), ...set(S_W)],
  [...get(S_SUM), ...get(S_V), ...get(S_V), ...MUL, ...ADD, ...set(S_SUM)], // sum += g·g
  [...get(S_SUM2), ...get(S_W), ...get(S_W), ...MUL, ...ADD, ...set(S_SUM2)],
  [...get(S_MAX), ...get(S_V), ...ABS, ...MAX, ...set(S_MAX)], // max = max(max, |g|)
  [...get(S_MAX2), ...get(S_W), ...ABS, ...MAX, ...set(S_MAX2)],
  [...get(S_OFFSET), 0x41, 32, 0x6a, ...set(S_OFFSET)], // offset += 32
  [0x0c, 0, 0x0b, 0x0b], // br loop, end loop, end block
  [...get(S_OUT), ...get(S_SUM), ...get(S_SUM2), ...ADD, ...STORE], // out = sum + sum2
  [...get(S_OUT), ...get(S_MAX), ...get(S_MAX2), ...MAX, ...simd(0x0b), 4, 16, 0x0b], // out + 16 = max(…)
].flat();

const MODULE_BYTES = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [2, 0x60, 6, 0x7f, 0x7f, 0x7f, 0x7f, 0x7c, 0x7c, 0, 0x60, 3, 0x7f, 0x7f, 0x7f, 0]),
  ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 1]),
  ...section(3, [2, 0, 1]),
  ...section(7, [2, ...name('adagrad'), 0x00, 0, ...name('statistics'), 0x00, 1]),
  ...section(10, [2, ...leb(BODY.length), ...BODY, ...leb(STATISTICS_BODY.length), ...STATISTICS_BODY]),
]);

/** The compiled module, or undefined where the runtime has no WebAssembly SIMD (then JS does the update). */
const adagradModule = WebAssembly.validate(MODULE_BYTES) ? new WebAssembly.Module(MODULE_BYTES) : undefined;

/** Parameters, Adagrad memory and a gradient buffer in one WebAssembly memory, and the update over all of them. */
export interface AdagradKernel {
  /** One view per parameter (exact length), where the parameters live: build the model's tensors on them. */
  readonly parameters: readonly Float64Array[];
  /** One view per parameter: the running sums of squared clipped gradients. */
  readonly memory: readonly Float64Array[];
  /** Copies gradients (one array per parameter) into the kernel's buffer. */
  load(gradients: readonly Float64Array[]): void;
  /** Σ g² and max |g| of the loaded gradients. */
  statistics(): { sumOfSquares: number; largest: number };
  /** Updates every parameter from the loaded gradients. */
  update(learningRate: number, clip: number): void;
}

/**
 * A WebAssembly SIMD Adagrad for parameters of the given lengths, or undefined without SIMD support.
 *
 * @example
 * ```ts
 * const kernel = createAdagradKernel([2]);
 * kernel?.parameters[0]?.set([1, 1]);
 * kernel?.load([Float64Array.of(2, -9)]);
 * kernel?.statistics(); // { sumOfSquares: 85, largest: 9 }
 * kernel?.update(0.1, 5);
 * kernel?.parameters[0]; // ≈ Float64Array [0.9, 1.1]
 * ```
 */
export function createAdagradKernel(lengths: readonly number[]): AdagradKernel | undefined {
  if (adagradModule === undefined) return undefined;
  const padded = lengths.map((n) => n + (n % 2)); // whole v128 pairs; padding entries stay 0
  const total = Math.ceil(padded.reduce((a, b) => a + b, 0) / 4) * 4; // whole 32-byte strides for statistics
  const statisticsAt = 3 * total * 8; // two v128 after the three blocks
  const memory = new WebAssembly.Memory({ initial: Math.ceil((statisticsAt + 32) / 65536) });
  const instance = new WebAssembly.Instance(adagradModule, { env: { memory } });
  const adagrad = instance.exports.adagrad as (
    t: number,
    g: number,
    m: number,
    bytes: number,
    lr: number,
    clip: number,
  ) => void;
  const views = (block: number): Float64Array[] => {
    let offset = block * total;
    return lengths.map((n, i) => {
      const view = new Float64Array(memory.buffer, offset * 8, n);
      offset += padded[i] as number;
      return view;
    });
  };
  const statistics = instance.exports.statistics as (g: number, bytes: number, out: number) => void;
  const lanes = new Float64Array(memory.buffer, statisticsAt, 4);
  const [parameters, gradients, sums] = [views(0), views(1), views(2)];
  return {
    parameters,
    memory: sums,
    load(list) {
      for (const [i, g] of list.entries()) gradients[i]?.set(g);
    },
    statistics() {
      statistics(total * 8, total * 8, statisticsAt);
      return {
        sumOfSquares: (lanes[0] as number) + (lanes[1] as number),
        largest: Math.max(lanes[2] as number, lanes[3] as number),
      };
    },
    update(learningRate, clip) {
      adagrad(0, total * 8, 2 * total * 8, total * 8, learningRate, clip);
    },
  };
}
