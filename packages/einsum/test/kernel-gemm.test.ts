// gemm (its JS and WebAssembly paths, f64 and f32) against a naive triple loop, over random shapes, flags and layouts.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gemm } from '../src/kernels/gemm.js';
import { gemmJs } from '../src/kernels/gemm-js.js';
import { type Gemm, matrix } from '../src/kernels/gemm-types.js';
import { BLOCKING, gemmWasm } from '../src/kernels/gemm-wasm.js';
import type { DType } from '../src/tensor/dtype.js';

interface Case {
  batch: number;
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
  accumulate: boolean;
  /** Per operand: offset into its array, and batch stride as 'broadcast' (0) or a gap after each matrix. */
  layout: { offset: number; broadcast: boolean; gap: number }[];
  seed: number;
}

/** A small deterministic generator (xorshift32) for operand values in [-1, 1). */
function values(length: number, seed: number): Float64Array {
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

function stride(layout: Case['layout'][number], size: number): number {
  return layout.broadcast ? 0 : size + layout.gap;
}

/**
 * Runs `kernel` on the case in `dtype` and checks every element of C against the naive sum (in float64, of
 * the same values: float32 operands are exact in float64), with a rounding bound.
 */
function check(kernel: Gemm, t: Case, dtype: DType = 'float64'): void {
  const { batch, m, n, k, transA, transB, accumulate } = t;
  const [la, lb, lc] = t.layout as [Case['layout'][0], Case['layout'][0], Case['layout'][0]];
  const sa = stride(la, m * k);
  const sb = stride(lb, k * n);
  // C broadcast only makes sense when accumulating (all batches add into one matrix); otherwise give C gaps.
  const sc = accumulate ? stride(lc, m * n) : m * n + lc.gap;
  const rounded = (array: Float64Array) => (dtype === 'float32' ? array.map(Math.fround) : array);
  const a = rounded(values(la.offset + (batch - 1) * sa + m * k + 2, t.seed));
  const b = rounded(values(lb.offset + (batch - 1) * sb + k * n + 2, t.seed + 1));
  const c = rounded(values(lc.offset + (batch - 1) * sc + m * n + 2, t.seed + 2));
  const expected = c.slice();
  const bound = c.map(Math.abs);
  // Naive oracle, in batch order so that a broadcast C accumulates every batch in turn.
  for (let p = 0; p < batch; p++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let magnitude = 0;
        for (let q = 0; q < k; q++) {
          const av = a[la.offset + p * sa + (transA ? q * m + i : i * k + q)] as number;
          const bv = b[lb.offset + p * sb + (transB ? j * k + q : q * n + j)] as number;
          sum += av * bv;
          magnitude += Math.abs(av * bv);
        }
        const at = lc.offset + p * sc + i * n + j;
        expected[at] = accumulate ? (expected[at] as number) + sum : sum;
        bound[at] = accumulate ? (bound[at] as number) + magnitude : magnitude;
      }
    }
  }
  const typed = (array: Float64Array) => (dtype === 'float32' ? Float32Array.from(array) : array);
  const [x, y, z] = [typed(a), typed(b), typed(c)];
  kernel(
    { batch, m, n, k, accumulate },
    matrix(x, la.offset, transA, sa),
    matrix(y, lb.offset, transB, sb),
    matrix(z, lc.offset, false, sc),
  );
  // Any summation order of k products (plus C, plus up to 3 broadcast batches) errs by at most
  // γ(terms)·Σ|terms| ≤ 2·terms·u·Σ|terms| (Higham, Accuracy and Stability, §3.1), u = 2⁻⁵³ in float64 and
  // 2⁻²⁴ in float32 (whose final rounding of C, at most u·Σ|terms|, fits in the factor 2).
  const terms = batch * (k + 1) + 1;
  const u = dtype === 'float32' ? 2 ** -24 : 2 ** -53;
  for (let i = 0; i < z.length; i++) {
    const error = Math.abs((z[i] as number) - (expected[i] as number));
    if (!(error <= 2 * terms * u * (bound[i] as number))) {
      expect.fail(
        `C[${i}] = ${z[i]}, naive ${expected[i]} (error ${error}, ${dtype}, case ${JSON.stringify(t)})`,
      );
    }
  }
}

const operandLayout = fc.record({
  offset: fc.integer({ min: 0, max: 5 }),
  broadcast: fc.boolean(),
  gap: fc.integer({ min: 0, max: 3 }),
});

function cases(maxSize: number, minSize = 0): fc.Arbitrary<Case> {
  const size = fc.integer({ min: minSize, max: maxSize });
  return fc.record({
    batch: fc.integer({ min: 1, max: 3 }),
    m: size,
    n: size,
    k: size,
    transA: fc.boolean(),
    transB: fc.boolean(),
    accumulate: fc.boolean(),
    layout: fc.tuple(operandLayout, operandLayout, operandLayout),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  });
}

describe('gemm', () => {
  const kernels: [string, Gemm][] = [
    ['the JS kernel', gemmJs],
    ['the WebAssembly kernel', gemmWasm],
    ['the dispatcher', gemm],
  ];
  for (const [name, kernel] of kernels) {
    it(`${name} equals the naive triple loop for every flag, stride and offset (sizes 0..70)`, () => {
      fc.assert(
        fc.property(cases(70), (t) => check(kernel, t)),
        { numRuns: 120 },
      );
    });
  }

  for (const [name, kernel] of kernels) {
    it(`${name} in float32 equals the naive triple loop for every flag, stride and offset (sizes 0..70)`, () => {
      fc.assert(
        fc.property(cases(70), (t) => check(kernel, t, 'float32')),
        { numRuns: 80 },
      );
    });
  }

  it('both WebAssembly variants equal the naive loop at and around every block edge', () => {
    // k around each variant's depth block (256 for f64, 512 for f32), m around the row block (96), n around
    // the panel width (4 or 8): the packed kernel's partial blocks, panels and tiles
    const layout = [
      { offset: 1, broadcast: false, gap: 0 },
      { offset: 0, broadcast: false, gap: 1 },
      { offset: 3, broadcast: false, gap: 0 },
    ];
    for (const dtype of ['float64', 'float32'] as const) {
      const { rows, depth, panel } = BLOCKING[dtype];
      const edges = (edge: number) => [edge - 1, edge, edge + 1];
      for (const k of [...edges(256), ...edges(depth)]) {
        for (const m of edges(rows)) {
          for (const n of edges(panel)) {
            for (const [transA, transB] of [
              [false, false],
              [true, true],
            ] as const) {
              const t = {
                batch: 1,
                m,
                n,
                k,
                transA,
                transB,
                accumulate: k % 2 === 0,
                layout,
                seed: m + n + k,
              };
              check(gemmWasm, t, dtype);
            }
          }
        }
      }
    }
  });

  it('the blocking in gemm-wasm.ts is the blocking of gemm.wat (its @variant lines)', () => {
    const source = readFileSync(new URL('../src/kernels/gemm.wat', import.meta.url), 'utf8');
    for (const [dtype, variant] of [
      ['float64', 'f64'],
      ['float32', 'f32'],
    ] as const) {
      const line = source.split('\n').find((l) => l.startsWith(`;; @variant ${variant} `)) ?? '';
      const value = (key: string) => Number(line.match(new RegExp(`\\b${key}=(\\d+)`))?.[1]);
      expect({ rows: value('MC'), depth: value('KC'), panel: value('NR') }).toEqual(BLOCKING[dtype]);
    }
  });

  it('the WebAssembly kernel (f64 and f32) equals the naive loop for vectors and thin shapes (m, n or k ≤ 2)', () => {
    fc.assert(
      fc.property(
        cases(2),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 300 }),
        (t, which, long) => {
          const shape = {
            ...t,
            m: which === 0 ? long : t.m,
            n: which === 1 ? long : t.n,
            k: which === 2 ? long : t.k,
          };
          check(gemmWasm, shape);
          check(gemmWasm, shape, 'float32');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the WebAssembly kernel equals the naive loop across its cache blocks (m > 96, k > 256), outer products and memory growth', () => {
    const layout = [
      { offset: 1, broadcast: false, gap: 0 },
      { offset: 0, broadcast: false, gap: 1 },
      { offset: 2, broadcast: false, gap: 0 },
    ];
    for (const [transA, transB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      check(gemmWasm, {
        batch: 1,
        m: 197,
        n: 9,
        k: 517,
        transA,
        transB,
        accumulate: false,
        layout,
        seed: 7,
      });
      check(gemmWasm, {
        batch: 2,
        m: 101,
        n: 13,
        k: 260,
        transA,
        transB,
        accumulate: true,
        layout,
        seed: 9,
      });
      check(gemmWasm, { batch: 1, m: 300, n: 1, k: 700, transA, transB, accumulate: true, layout, seed: 11 });
      for (const accumulate of [false, true]) {
        // k = 1: the outer-product path (odd n exercises its scalar tail)
        check(gemmWasm, { batch: 3, m: 37, n: 41, k: 1, transA, transB, accumulate, layout, seed: 13 });
      }
      // an outer product larger than the block it is written through (128 KiB), in whole and partial blocks
      const tight = layout.map((l) => ({ ...l, gap: 0 }));
      for (const dtype of ['float64', 'float32'] as const) {
        const t = {
          batch: 2,
          m: 301,
          n: 203,
          k: 1,
          transA,
          transB,
          accumulate: false,
          layout: tight,
          seed: 17,
        };
        check(gemmWasm, t, dtype);
      }
    }
    // after the memory grew for the products above, a small product must still see fresh views
    check(gemmWasm, {
      batch: 1,
      m: 5,
      n: 6,
      k: 7,
      transA: false,
      transB: false,
      accumulate: false,
      layout,
      seed: 3,
    });
  });

  it('propagates NaN and ±Inf exactly where the naive loop does (zero padding of edge tiles adds none)', () => {
    // 5×6×7 has partial tiles in m and n; one NaN and two infinities in A, an infinity in B
    const [m, n, k] = [5, 6, 7];
    const a = values(m * k, 21);
    const b = values(k * n, 22);
    a[3] = Number.NaN;
    a[9] = Number.POSITIVE_INFINITY;
    a[30] = Number.NEGATIVE_INFINITY;
    b[40] = Number.POSITIVE_INFINITY;
    const expected = new Float64Array(m * n);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += (a[i * k + p] as number) * (b[p * n + j] as number);
        expected[i * n + j] = sum;
      }
    }
    for (const kernel of [gemmJs, gemmWasm]) {
      const c = new Float64Array(m * n);
      kernel({ batch: 1, m, n, k }, matrix(a), matrix(b), matrix(c));
      for (let i = 0; i < c.length; i++) {
        const [got, want] = [c[i] as number, expected[i] as number];
        if (Number.isFinite(want)) expect(Math.abs(got - want)).toBeLessThan(1e-12);
        else expect(got).toBe(want); // toBe uses Object.is: NaN equals NaN, +Inf and -Inf differ
      }
    }
  });

  it('rejects sizes that are not non-negative integers and operands that run past their arrays', () => {
    const data = new Float64Array(4);
    const whole = matrix(data);
    expect(() => gemm({ batch: 1, m: 2.5, n: 2, k: 2 }, whole, whole, whole)).toThrow(
      /sizes must be integers/,
    );
    expect(() => gemm({ batch: 1, m: -1, n: 2, k: 2 }, whole, whole, whole)).toThrow(/≥ 0/);
    expect(() =>
      gemm({ batch: 2, m: 2, n: 2, k: 2, accumulate: true }, matrix(data, 0, false, 4), whole, whole),
    ).toThrow(/A needs elements up to index 7 .* length 4/);
    expect(() => gemm({ batch: 1, m: 2, n: 2, k: 2 }, whole, matrix(data, 1), whole)).toThrow(/B needs/);
    expect(() => gemm({ batch: 1, m: 2, n: 2, k: 2 }, whole, whole, matrix(data, -1))).toThrow(/C offset -1/);
  });
});
