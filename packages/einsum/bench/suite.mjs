// The benchmark suite (issues 3 and 10): each case's subscripts, operand shapes, dtype and what to measure.

/**
 * A product case and its float32 twin (same subscripts and shapes, float32 operands, named '… f32'), in that order.
 * @example withFloat32Twin({ name: 'matmul 2³', subscripts: 'ij,jk->ik', shapes: [[2, 2], [2, 2]] })[1].dtype // → 'float32'
 */
function withFloat32Twin(float64Case) {
  return [float64Case, { ...float64Case, name: `${float64Case.name} f32`, dtype: 'float32' }];
}

/**
 * One case. `gemm`, when present, is the single matrix product the case amounts to (operand indices into the
 * case's operands), timed on the kernel alone. `productShaped` marks the cases held to the matrix-product
 * targets (a share of OpenBLAS, a share of the SIMD peak); `resident` adds the compiled expression over
 * operands and output in kernel memory; `kind: 'toFlat'` times `t.transpose().toFlat()` of the operand
 * against numpy's `np.ascontiguousarray(a.T)` instead of an einsum.
 * @example SUITE[0].subscripts // → 'ij,jk->ik'
 */
export const SUITE = [
  ...withFloat32Twin({
    name: 'matmul 256³',
    subscripts: 'ij,jk->ik',
    shapes: [
      [256, 256],
      [256, 256],
    ],
    productShaped: true,
    resident: true,
    gemm: { batch: 1, m: 256, n: 256, k: 256, a: 0, transA: false, b: 1, transB: false },
  }),
  ...withFloat32Twin({
    name: 'batched 32×64³',
    subscripts: 'bij,bjk->bik',
    shapes: [
      [32, 64, 64],
      [32, 64, 64],
    ],
    productShaped: true,
    resident: true,
    gemm: { batch: 32, m: 64, n: 64, k: 64, a: 0, transA: false, b: 1, transB: false },
  }),
  ...withFloat32Twin({
    name: 'attention 2×4×64×32',
    subscripts: 'bhqd,bhkd->bhqk',
    shapes: [
      [2, 4, 64, 32],
      [2, 4, 64, 32],
    ],
    productShaped: true,
    resident: true,
    gemm: { batch: 8, m: 64, n: 64, k: 32, a: 0, transA: false, b: 1, transB: true },
  }),
  ...withFloat32Twin({
    name: 'step 32×256²',
    subscripts: 'bj,ij->bi',
    shapes: [
      [32, 256],
      [256, 256],
    ],
    productShaped: true,
    resident: true,
    gemm: { batch: 1, m: 32, n: 256, k: 256, a: 0, transA: false, b: 1, transB: true },
  }),
  {
    name: 'chain 64×512×64×512',
    subscripts: 'ij,jk,kl->il',
    shapes: [
      [64, 512],
      [512, 64],
      [64, 512],
    ],
    productShaped: true,
  },
  { name: 'outer 1000', subscripts: 'i,j->ij', shapes: [[1000], [1000]], resident: true, outer: true },
  { name: 'outer 25×100', subscripts: 'i,j->ij', shapes: [[25], [100]], resident: true, outer: true },
  { name: 'trace 1000', subscripts: 'ii->', shapes: [[1000, 1000]] },
  { name: 'transpose 1000²', subscripts: 'ij->ji', shapes: [[1000, 1000]] },
  { name: 'copy of transposed 1000²', subscripts: 'ij->ji', shapes: [[1000, 1000]], kind: 'toFlat' },
  {
    name: 'RNN dW 25×100',
    subscripts: 'ti,tj->ij',
    shapes: [
      [25, 100],
      [25, 100],
    ],
    productShaped: true,
    resident: true,
    gemm: { batch: 1, m: 100, n: 100, k: 25, a: 0, transA: true, b: 1, transB: false },
  },
  {
    name: 'RNN 100×65×25',
    subscripts: 'hk,tk->th',
    shapes: [
      [100, 65],
      [25, 65],
    ],
    productShaped: true,
    resident: true,
    gemm: { batch: 1, m: 25, n: 100, k: 65, a: 1, transA: false, b: 0, transB: true },
  },
  {
    // numpy.einsum_path's documented example: a rank-4 tensor with a matrix on each leg
    name: 'network, 5 operands',
    subscripts: 'ea,fb,abcd,gc,hd->efgh',
    shapes: [
      [10, 10],
      [10, 10],
      [10, 10, 10, 10],
      [10, 10],
      [10, 10],
    ],
  },
  {
    name: 'matmul 2×2 (call overhead)',
    subscripts: 'ij,jk->ik',
    shapes: [
      [2, 2],
      [2, 2],
    ],
    productShaped: true,
    overhead: true,
    gemm: { batch: 1, m: 2, n: 2, k: 2, a: 0, transA: false, b: 1, transB: false },
  },
];
