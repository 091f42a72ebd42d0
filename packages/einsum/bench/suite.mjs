// The benchmark suite of issue 3: each case's subscripts, operand shapes, and (when it is one) its gemm call.

/**
 * One case. `gemm`, when present, is the single matrix product the case amounts to (operand indices into the
 * case's operands), timed on the kernel alone to tell kernel time from executor time. `productShaped` marks
 * the cases held to the "a quarter of OpenBLAS" target.
 * @example SUITE[0].subscripts // → 'ij,jk->ik'
 */
export const SUITE = [
  {
    name: 'matmul 256³',
    subscripts: 'ij,jk->ik',
    shapes: [
      [256, 256],
      [256, 256],
    ],
    productShaped: true,
    gemm: { batch: 1, m: 256, n: 256, k: 256, a: 0, transA: false, b: 1, transB: false },
  },
  {
    name: 'batched 32×64³',
    subscripts: 'bij,bjk->bik',
    shapes: [
      [32, 64, 64],
      [32, 64, 64],
    ],
    productShaped: true,
    gemm: { batch: 32, m: 64, n: 64, k: 64, a: 0, transA: false, b: 1, transB: false },
  },
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
  { name: 'outer 1000', subscripts: 'i,j->ij', shapes: [[1000], [1000]] },
  { name: 'trace 1000', subscripts: 'ii->', shapes: [[1000, 1000]] },
  { name: 'transpose 1000²', subscripts: 'ij->ji', shapes: [[1000, 1000]] },
  {
    name: 'attention 2×4×64×32',
    subscripts: 'bhqd,bhkd->bhqk',
    shapes: [
      [2, 4, 64, 32],
      [2, 4, 64, 32],
    ],
    productShaped: true,
    gemm: { batch: 8, m: 64, n: 64, k: 32, a: 0, transA: false, b: 1, transB: true },
  },
  {
    name: 'RNN dW 25×100',
    subscripts: 'ti,tj->ij',
    shapes: [
      [25, 100],
      [25, 100],
    ],
    productShaped: true,
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
