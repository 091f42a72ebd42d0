// Resident memory: arenas, tensors in kernel memory, contractions over them with no copy, growth, release.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWat } from '../scripts/build-wasm.mjs';
import {
  arena,
  backend,
  compile,
  type DType,
  EinsumError,
  einsum,
  type FloatArray,
  memoryStats,
  ResidentTensor,
  Tensor,
  tensor,
} from '../src/index.js';
import { heap, MAX_HEAP_BYTES, type WebAssemblyApi, webAssembly } from '../src/resident/heap.js';
import { prop } from './property.js';

/** Deterministic values in [-1, 1) (xorshift32), so that every case can be replayed from its seed. */
function values(count: number, seed: number): Float64Array {
  let state = seed | 1;
  return Float64Array.from({ length: count }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 31 - 1;
  });
}

describe('Arena', () => {
  it('copies tensors into kernel memory and hands out views of it', () => {
    const a = arena({ name: 'test' });
    const W = a.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      undefined,
      { name: 'W' },
    );
    expect(W).toBeInstanceOf(ResidentTensor);
    expect(W).toBeInstanceOf(Tensor);
    expect(W.data.buffer).toBe(a.memory.buffer);
    expect(W.byteOffset % 16).toBe(0);
    expect(W.data.byteOffset).toBe(W.byteOffset);
    expect(W.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const x = a.tensor(new Float32Array([1, 2, 3]));
    expect(x.dtype).toBe('float32');
    expect(x.data).toBeInstanceOf(Float32Array);
    expect(a.zeros([2, 3], { dtype: 'float32' }).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const lines = String(a).split('\n');
    expect(lines[0]).toMatch(/^Arena 'test': 3 tensors, 80 B used, no reserve \(kernel memory [\d.]+ MiB\)$/);
    expect(lines[1]).toBe(`  W      float64 [2, 2] 32 B at byte ${W.byteOffset}`);
    expect(lines[2]).toBe(`  #1     float32 [3] 12 B at byte ${x.byteOffset}`);
    a.release();
  });

  it('lets another WebAssembly module update a resident tensor in place at its byteOffset', async () => {
    // a module built by the same build step as the kernels, importing the same memory
    const [module] = await compileWat(new URL('./fixtures/scale.wat', import.meta.url).pathname);
    const a = arena();
    const v = a.tensor([1, 2, 3, 4, 5]);
    const engine = webAssembly as WebAssemblyApi;
    const instance = new engine.Instance(new engine.Module(module?.bytes as Uint8Array), {
      env: { memory: a.memory },
    });
    (instance.exports.scale as (at: number, count: number, factor: number) => void)(v.byteOffset, v.size, 3);
    expect([...v.data]).toEqual([3, 6, 9, 12, 15]);
    a.release();
  });

  it('keeps views valid within its reserve, and re-derives them after the memory grows', () => {
    const a = arena({ reserve: 1 << 16 });
    const W = a.tensor(values(64, 1), [8, 8]);
    const held = W.data;
    const transposed = W.transpose();
    const grows = memoryStats().grows;
    a.zeros([16, 16]); // 2 KiB: inside the reserve
    expect(memoryStats().grows).toBe(grows);
    expect(W.data).toBe(held);
    const expected = [...held];
    // far past the reserve and the memory's size: it must grow, which detaches every earlier view
    const big = arena();
    big.zeros([memoryStats().bytes / 8 + 1]);
    expect(memoryStats().grows).toBeGreaterThan(grows);
    expect(held.length).toBe(0); // detached, as WebAssembly makes it
    expect([...W.data]).toEqual(expected); // a fresh view of the same bytes
    expect(transposed.data.length).toBe(64); // views of a resident tensor follow it
    expect(transposed.at(1, 0)).toBe(W.at(0, 1));
    big.release();
    a.release();
  });

  it('refuses its tensors after release, and reuses their memory', () => {
    const a = arena();
    const x = a.tensor([1, 2, 3]);
    const at = x.byteOffset;
    a.release();
    expect(() => x.data).toThrow(EinsumError);
    expect(() => x.toArray()).toThrow(/used after release/);
    expect(() => a.zeros([1])).toThrow(/was released/);
    const b = arena();
    expect(b.tensor([4, 5, 6]).byteOffset).toBe(at);
    b.release();
  });

  it('runs the JS kernels when the staging space would take the memory past its limit', () => {
    expect(heap.scratch(MAX_HEAP_BYTES)).toBe(-1);
    const product = einsum(
      'ij,jk->ik',
      tensor(values(64 * 64, 5), [64, 64]),
      tensor(values(64 * 64, 6), [64, 64]),
    );
    expect(product.shape).toEqual([64, 64]); // and the next call takes a staging block again
    expect(heap.scratch(1)).toBeGreaterThan(0);
  });

  it('rejects a bad reserve and a bad dtype', () => {
    expect(() => arena({ reserve: -1 })).toThrow(/reserve must be a non-negative number of bytes/);
    expect(() => arena().zeros([2], { dtype: 'int8' as DType })).toThrow(
      /dtype must be 'float64' or 'float32'/,
    );
  });
});

/** The contractions of a recurrent network's step, with the shapes they run at (hidden 64, batch 8, T 25). */
const STEP: readonly (readonly [string, number[][]])[] = [
  [
    'bj,ij->bi',
    [
      [8, 64],
      [64, 64],
    ],
  ],
  ['ij,j->i', [[64, 64], [64]]],
  ['ji,j->i', [[64, 64], [64]]],
  ['i,j->ij', [[64], [64]]],
  [
    'ti,tj->ij',
    [
      [25, 64],
      [25, 64],
    ],
  ],
  [
    'bi,bj->ij',
    [
      [8, 64],
      [8, 64],
    ],
  ],
  [
    'hk,tk->th',
    [
      [64, 40],
      [25, 40],
    ],
  ],
];

describe('contractions over resident tensors', () => {
  for (const dtype of ['float64', 'float32'] as const) {
    it.each(STEP)(
      `'%s' (%j, ${dtype}) copies nothing per call and equals the same call on plain arrays`,
      (subscripts, shapes) => {
        const a = arena({ reserve: 1 << 20 });
        const plain = shapes.map((shape, k) =>
          tensor(
            values(
              shape.reduce((x, y) => x * y, 1),
              k + 3,
            ),
            shape,
            { dtype },
          ),
        );
        const resident = plain.map((t) => a.tensor(t as Tensor<FloatArray>, undefined, { dtype }));
        const expr = compile(subscripts, shapes);
        const out = a.zeros(expr.outputShape, { dtype });
        const expected = expr(...plain);
        expr.into(out, ...resident); // first call: nothing left to set up
        const before = memoryStats();
        for (let i = 0; i < 3; i++) expr.into(out, ...resident);
        const after = memoryStats();
        expect(after.copies - before.copies).toBe(0);
        expect(after.copiedBytes - before.copiedBytes).toBe(0);
        expect(after.grows - before.grows).toBe(0);
        // the same kernels on the same values, in the same order: bit for bit equal
        expect([...out.data]).toEqual([...expected.data]);
        // one-shot einsum reads resident operands in place too
        expect([...einsum(subscripts, ...resident).toFlat()]).toEqual([...expected.data]);
        a.release();
      },
    );
  }

  it('keeps a multi-step expression’s intermediates in an arena, so that it copies nothing either', () => {
    const a = arena({ reserve: 1 << 20 });
    const shapes = [
      [16, 64],
      [64, 16],
      [16, 64],
    ];
    const operands = shapes.map((shape, k) => a.tensor(values(16 * 64, k + 11), shape));
    const chain = compile('ij,jk,kl->il', shapes, { arena: a });
    expect(chain.info.path.length).toBe(2);
    const out = a.zeros(chain.outputShape);
    chain.into(out, ...operands);
    const before = memoryStats();
    chain.into(out, ...operands);
    const after = memoryStats();
    expect(after.copies - before.copies).toBe(0);
    const plain = compile('ij,jk,kl->il', shapes);
    expect([...out.data]).toEqual([...plain(...operands.map((t) => t.toFlat())).data]);
    a.release();
  });

  it('reads and writes views into resident tensors (one time step of a sequence) in place', () => {
    const a = arena();
    const [T, B, H] = [5, 4, 32];
    const W = a.tensor(values(H * H, 3), [H, H]);
    const states = a.tensor(values(T * B * H, 4), [T, B, H]);
    const step = compile('bj,ij->bi', [
      [B, H],
      [H, H],
    ]);
    const at = (t: number) => states.view([B, H], [H, 1], t * B * H);
    step.into(at(1), at(0), W);
    const before = memoryStats().copies;
    for (let t = 1; t < T; t++) step.into(at(t), at(t - 1), W);
    expect(memoryStats().copies).toBe(before);
    const expected = einsum('bj,ij->bi', tensor(at(3).toFlat(), [B, H]), tensor(W.toFlat(), [H, H]));
    expect([...at(4).toFlat()]).toEqual([...expected.toFlat()]);
    a.release();
  });

  it('counts the copies a call over non-resident operands makes', () => {
    const expr = compile('bj,ij->bi', [
      [8, 64],
      [64, 64],
    ]);
    const s = values(8 * 64, 1);
    const W = values(64 * 64, 2);
    const out = new Float64Array(8 * 64);
    expr.into(out, s, W);
    const before = memoryStats();
    expr.into(out, s, W);
    const after = memoryStats();
    // the SIMD kernels copy s and W in and the result out; the JS kernels read the arrays where they are
    const simd = backend() === 'wasm-simd';
    expect(after.copies - before.copies).toBe(simd ? 3 : 0);
    expect(after.copiedBytes - before.copiedBytes).toBe(simd ? (8 * 64 + 64 * 64 + 8 * 64) * 8 : 0);
  });

  prop(
    [
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 40 }),
      fc.integer(),
    ],
    {
      numRuns: 60,
    },
  )(
    'a product over resident operands equals the product over the same values in plain arrays',
    (m, n, k, seed) => {
      const a = arena();
      const A = values(m * k, seed);
      const B = values(k * n, seed + 1);
      const expected = einsum('ik,kj->ij', new Tensor(A, [m, k]), new Tensor(B, [k, n]));
      const got = einsum('ik,kj->ij', a.tensor(A, [m, k]), a.tensor(B, [k, n]));
      expect([...got.toFlat()]).toEqual([...expected.toFlat()]);
      a.release();
    },
  );
});
