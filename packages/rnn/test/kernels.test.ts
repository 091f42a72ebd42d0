// The elementwise kernels: SIMD exp and tanh against Math, and every SIMD kernel against its loop, f64 and f32.

import { arena, type FloatArray } from '@rnn/einsum';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Elementwise, loopKernels, residentKernels, simdFunctions } from '../src/kernels/elementwise.js';

type DType = 'float64' | 'float32';
const memory = arena({ name: 'kernel tests' });
const resident = (values: ArrayLike<number>, dtype: DType): FloatArray =>
  memory.tensor(Array.from(values), [values.length], { dtype }).data as FloatArray;
const plain = (values: ArrayLike<number>, dtype: DType): FloatArray =>
  dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
/** Token ids in kernel memory (the SIMD kernels read them there). */
function residentIds(ids: readonly number[]): Int32Array {
  const space = memory.zeros([Math.max(1, Math.ceil(ids.length / 2))]);
  const view = new Int32Array(space.data.buffer, space.byteOffset, ids.length);
  view.set(ids);
  return view;
}

/** The distance from a to b in units in the last place of b (float64, or float32 with `single`). */
function ulps(a: number, b: number, single: boolean): number {
  if (Object.is(a, b) || a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Number.POSITIVE_INFINITY;
  const magnitude = Math.max(Math.abs(b), single ? 2 ** -126 : 2 ** -1022);
  const exponent = Math.floor(Math.log2(magnitude));
  return Math.abs(a - b) / 2 ** (exponent - (single ? 23 : 52));
}

const simd = { float64: simdFunctions('float64'), float32: simdFunctions('float32') };

describe('SIMD exp and tanh', () => {
  // tanh: the Taylor series of e^r − 1 is cut below 1.3e-17 (f64) or 1e-9 (f32) relative, the reduction to r
  // rounds once, u = 2^n·(e^r − 1) + (2^n − 1) and −u / (u + 2) round three more times: within 4 units in the
  // last place of the exact value, and Math.tanh (fdlibm) within 1 more. exp: one rounding fewer.
  const TANH_ULPS = 5;
  const EXP_ULPS = 3;
  const F32_TANH_ULPS = 4; // against Math.fround(Math.tanh(x)): the f32 result is compared to a rounded reference

  function apply(name: 'exp' | 'tanh', dtype: DType, xs: readonly number[]): number[] {
    const kernels = simd[dtype];
    if (kernels === undefined) return xs.map(name === 'exp' ? Math.exp : Math.tanh);
    const x = memory.tensor(xs, [xs.length], { dtype });
    const y = memory.zeros([xs.length], { dtype });
    kernels[name](x.byteOffset, y.byteOffset, xs.length);
    return [...y.data];
  }

  it('runs in WebAssembly SIMD here (else every test below compares the loops with themselves)', () => {
    expect(simd.float64).toBeDefined();
    expect(simd.float32).toBeDefined();
  });

  it('tanh is within a few units in the last place of Math.tanh, over the whole line', () => {
    const edges = [0, -0, 1e-300, -5e-324, 1e-9, 0.17, 0.3465, 0.35, 1, 9.01, 18.9, 19.1, 22, 50, 1e300];
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (xs) => {
          const all = [...xs, ...edges, ...edges.map((x) => -x)];
          const got = apply('tanh', 'float64', all);
          for (const [i, x] of all.entries()) {
            expect(ulps(got[i] as number, Math.tanh(x), false), `tanh(${x})`).toBeLessThanOrEqual(TANH_ULPS);
          }
          const single = all.map(Math.fround);
          const got32 = apply('tanh', 'float32', single);
          for (const [i, x] of single.entries()) {
            const reference = Math.fround(Math.tanh(x));
            expect(ulps(got32[i] as number, reference, true), `tanh32(${x})`).toBeLessThanOrEqual(
              F32_TANH_ULPS,
            );
          }
        },
      ),
    );
  });

  it('tanh keeps the sign of zero, saturates at ±1 and passes NaN through', () => {
    const [zero, negativeZero, up, down, nan] = apply('tanh', 'float64', [
      0,
      -0,
      Infinity,
      -Infinity,
      Number.NaN,
    ]);
    expect(Object.is(zero, 0) && Object.is(negativeZero, -0)).toBe(true);
    expect([up, down]).toEqual([1, -1]);
    expect(nan).toBeNaN();
  });

  it('exp is within a few units in the last place of Math.exp on the softmax range [−708, 0]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -708, max: 0, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (xs) => {
          const all = [...xs, 0, -0, -1e-300, -0.3465, -0.35, -1, -700, -708];
          const got = apply('exp', 'float64', all);
          for (const [i, x] of all.entries()) {
            expect(ulps(got[i] as number, Math.exp(x), false), `exp(${x})`).toBeLessThanOrEqual(EXP_ULPS);
          }
          const single = all.map((x) => Math.fround(Math.max(x, -87)));
          const got32 = apply('exp', 'float32', single);
          for (const [i, x] of single.entries()) {
            expect(
              ulps(got32[i] as number, Math.fround(Math.exp(x)), true),
              `exp32(${x})`,
            ).toBeLessThanOrEqual(EXP_ULPS);
          }
        },
      ),
    );
  });
});

/** Arbitrary rows × width problems (tails of every length for both vector widths), values in ±3. */
const problems = fc
  .record({
    rows: fc.integer({ min: 1, max: 5 }),
    width: fc.integer({ min: 1, max: 19 }),
    K: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ rows, width, K }) => {
    const values = (n: number) =>
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n });
    const ids = (n: number, below: number) => fc.array(fc.nat(below - 1), { minLength: n, maxLength: n });
    return fc.record({
      rows: fc.constant(rows),
      width: fc.constant(width),
      K: fc.constant(K),
      a: values(rows * width),
      b: values(rows * width),
      s: values(rows * width).map((v) => v.map(Math.tanh)),
      table: values(K * width),
      tokens: ids(rows, K),
      targets: ids(rows, width),
    });
  });

describe('the SIMD kernels equal the loops', () => {
  // f64: gate, gateAccumulate and scatterAdd do the same operations in the same order (equal bits); tanhGather
  // differs by the tanh above; softmax sums in lanes, so its rows differ by a few roundings of the sum. f32: the
  // loops compute in double and round once, the kernels round every operation (u = 2^-24 each): (a + b)·(1 − s²)
  // then differs by at most |a + b|·(s² + 3|1 − s²|)·u·2 (the rounding of s² is not scaled down by the
  // cancellation in 1 − s²), and a sum by one more unit of its own.
  for (const dtype of ['float64', 'float32'] as const) {
    const single = dtype === 'float32';
    const kernels = residentKernels(dtype) as Elementwise<FloatArray>;
    /** How far the kernel's gate may be from the loop's: 0 in f64, the f32 bound above. */
    const gateBound = (a: number, b: number, s: number) =>
      // (plus four of the smallest f32 subnormals: below 2^-126 each rounding is absolute, not relative)
      single ? Math.abs(a + b) * (s * s + 3 * Math.abs(1 - s * s)) * 2 ** -23 + 4 * 2 ** -149 : 0;

    it(`gate, gateAccumulate, scatterAdd and tanhGather (${dtype})`, () => {
      fc.assert(
        fc.property(problems, ({ rows, width, a, b, s, table, tokens }) => {
          const n = rows * width;
          const [ra, rb, rs] = [resident(a, dtype), resident(b, dtype), resident(s, dtype)];
          const [pa, pb, ps] = [plain(a, dtype), plain(b, dtype), plain(s, dtype)];
          const close = (got: FloatArray, want: FloatArray, bound: number, what: string) => {
            for (let i = 0; i < want.length; i++) {
              expect(ulps(got[i] as number, want[i] as number, single), `${what}[${i}]`).toBeLessThanOrEqual(
                bound,
              );
            }
          };
          const gated = (got: FloatArray, want: FloatArray, first: FloatArray, second?: FloatArray) => {
            for (let i = 0; i < n; i++) {
              const bound = gateBound(first[i] as number, (second?.[i] ?? 0) as number, ps[i] as number);
              expect(Math.abs((got[i] as number) - (want[i] as number)), `gate[${i}]`).toBeLessThanOrEqual(
                bound,
              );
            }
          };
          const [out, expected] = [resident(new Array(n).fill(0), dtype), plain(new Array(n).fill(0), dtype)];
          kernels.gate(out, ra, rb, rs, n);
          loopKernels.gate(expected, pa, pb, ps, n);
          gated(out, expected, pa, pb);

          const [delta, sum] = [resident(new Array(n).fill(0), dtype), resident(b, dtype)];
          const [delta2, sum2] = [plain(new Array(n).fill(0), dtype), plain(b, dtype)];
          kernels.gateAccumulate(delta, sum, ra, rs, n);
          loopKernels.gateAccumulate(delta2, sum2, pa, ps, n);
          gated(delta, delta2, pa, undefined);
          for (let i = 0; i < n; i++) {
            const bound =
              gateBound(pa[i] as number, 0, ps[i] as number) +
              (single ? Math.abs(sum2[i] as number) * 2 ** -23 : 0);
            expect(Math.abs((sum[i] as number) - (sum2[i] as number)), `sum[${i}]`).toBeLessThanOrEqual(
              bound,
            );
          }

          const [target, target2] = [resident(table, dtype), plain(table, dtype)];
          kernels.scatterAdd(target, ra, residentIds(tokens), rows, width);
          loopKernels.scatterAdd(target2, pa, Int32Array.from(tokens), rows, width);
          // several rows may land on one token: the same additions in the same order
          for (let i = 0; i < target2.length; i++) {
            expect(Math.abs((target[i] as number) - (target2[i] as number))).toBeLessThanOrEqual(
              single ? 1e-5 : 0,
            );
          }

          const [tanhOut, tanhWant] = [
            resident(new Array(n).fill(0), dtype),
            plain(new Array(n).fill(0), dtype),
          ];
          kernels.tanhGather(tanhOut, ra, resident(table, dtype), residentIds(tokens), rows, width);
          loopKernels.tanhGather(tanhWant, pa, plain(table, dtype), Int32Array.from(tokens), rows, width);
          close(tanhOut, tanhWant, single ? 4 : 6, 'tanhGather');
        }),
      );
    });

    it(`softmaxRows (${dtype})`, () => {
      fc.assert(
        fc.property(problems, ({ rows, width, a, targets }) => {
          const n = rows * width;
          const [q, q2] = [resident(a, dtype), plain(a, dtype)];
          const [stats, stats2] = [
            resident(new Array(3 * rows).fill(0), dtype),
            plain(new Array(3 * rows).fill(0), dtype),
          ];
          kernels.softmaxRows(q, residentIds(targets), rows, width, rows, stats);
          loopKernels.softmaxRows(q2, Int32Array.from(targets), rows, width, rows, stats2);
          // entries of e are at most 1/N in size: compare them absolutely, to the rounding of Σ (width terms)
          const bound = (single ? 2 ** -24 : 2 ** -53) * (width + 8);
          for (let i = 0; i < n; i++)
            expect(Math.abs((q[i] as number) - (q2[i] as number))).toBeLessThanOrEqual(bound);
          for (let r = 0; r < rows; r++) {
            expect(stats[3 * r] === stats2[3 * r]).toBe(true); // the row maximum (either zero, if it is one)
            expect(stats[3 * r + 2] === stats2[3 * r + 2]).toBe(true); // the target's logit
            expect(
              Math.abs((stats[3 * r + 1] as number) / (stats2[3 * r + 1] as number) - 1),
            ).toBeLessThanOrEqual(bound);
          }
        }),
      );
    });
  }
});
