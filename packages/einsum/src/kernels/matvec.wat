;; WebAssembly SIMD matrix-vector kernels (M·x as row dot products, Mᵀ·x as row combinations) and the outer product.
;;
;; Pointers are byte addresses into the imported memory (shared with every other kernel module); sizes and ldm
;; count elements; M(r, l) is at m + (r·ldm + l)·bytes; x and y are contiguous. One template, two variants
;; (see gemm.wat for the keys; L is the lane count). Built by scripts/build-wasm.mjs.
;; @variant f64 T=f64 V=f64x2 S=3 B=8 B2=16 B3=24 L=2 SPLAT=v128.load64_splat
;; @variant f32 T=f32 V=f32x4 S=2 B=4 B2=8 B3=12 L=4 SPLAT=v128.load32_splat
(module
  (import "env" "memory" (memory 1))

  ;; The sum of a vector's lanes.
  (func $lanes (param $v v128) (result {T})
;; @if f64
    ({T}.add ({V}.extract_lane 0 (local.get $v)) ({V}.extract_lane 1 (local.get $v)))
;; @end
;; @if f32
    ({T}.add
      ({T}.add ({V}.extract_lane 0 (local.get $v)) ({V}.extract_lane 1 (local.get $v)))
      ({T}.add ({V}.extract_lane 2 (local.get $v)) ({V}.extract_lane 3 (local.get $v))))
;; @end
  )

  ;; y[r] (+)= Σ_l M(r, l)·x[l] for r < rows, l < len: four rows share each load of x.
  (func $dot_rows (export "dot_rows") (param $rows i32) (param $len i32) (param $m i32) (param $ldm i32) (param $x i32)
    (param $y i32) (param $add i32)
    (local $r i32) (local $ldb i32) (local $o i32) (local $end i32) (local $tail i32) (local $xv v128) (local $xs {T})
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $s0 {T}) (local $s1 {T}) (local $s2 {T}) (local $s3 {T})
    (local.set $ldb (i32.shl (local.get $ldm) (i32.const {S})))
    ;; whole vectors up to `end`, then single elements up to `tail` (bytes)
    (local.set $end (i32.shl (i32.and (local.get $len) (i32.const -{L})) (i32.const {S})))
    (local.set $tail (i32.shl (local.get $len) (i32.const {S})))
    (block $quads_done (loop $quads
      (br_if $quads_done (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $rows)))
      (local.set $p0 (i32.add (local.get $m) (i32.mul (local.get $r) (local.get $ldb))))
      (local.set $p1 (i32.add (local.get $p0) (local.get $ldb)))
      (local.set $p2 (i32.add (local.get $p1) (local.get $ldb)))
      (local.set $p3 (i32.add (local.get $p2) (local.get $ldb)))
      (local.set $a0 (v128.const i64x2 0 0))
      (local.set $a1 (v128.const i64x2 0 0))
      (local.set $a2 (v128.const i64x2 0 0))
      (local.set $a3 (v128.const i64x2 0 0))
      (local.set $o (i32.const 0))
      (block $vectors_done (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $xv (v128.load (i32.add (local.get $x) (local.get $o))))
        (local.set $a0 ({V}.add (local.get $a0)
          ({V}.mul (v128.load (i32.add (local.get $p0) (local.get $o))) (local.get $xv))))
        (local.set $a1 ({V}.add (local.get $a1)
          ({V}.mul (v128.load (i32.add (local.get $p1) (local.get $o))) (local.get $xv))))
        (local.set $a2 ({V}.add (local.get $a2)
          ({V}.mul (v128.load (i32.add (local.get $p2) (local.get $o))) (local.get $xv))))
        (local.set $a3 ({V}.add (local.get $a3)
          ({V}.mul (v128.load (i32.add (local.get $p3) (local.get $o))) (local.get $xv))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vectors)))
      (local.set $s0 (call $lanes (local.get $a0)))
      (local.set $s1 (call $lanes (local.get $a1)))
      (local.set $s2 (call $lanes (local.get $a2)))
      (local.set $s3 (call $lanes (local.get $a3)))
      (block $singles_done (loop $singles
        (br_if $singles_done (i32.ge_u (local.get $o) (local.get $tail)))
        (local.set $xs ({T}.load (i32.add (local.get $x) (local.get $o))))
        (local.set $s0 ({T}.add (local.get $s0) ({T}.mul ({T}.load (i32.add (local.get $p0) (local.get $o))) (local.get $xs))))
        (local.set $s1 ({T}.add (local.get $s1) ({T}.mul ({T}.load (i32.add (local.get $p1) (local.get $o))) (local.get $xs))))
        (local.set $s2 ({T}.add (local.get $s2) ({T}.mul ({T}.load (i32.add (local.get $p2) (local.get $o))) (local.get $xs))))
        (local.set $s3 ({T}.add (local.get $s3) ({T}.mul ({T}.load (i32.add (local.get $p3) (local.get $o))) (local.get $xs))))
        (local.set $o (i32.add (local.get $o) (i32.const {B})))
        (br $singles)))
      (local.set $o (i32.add (local.get $y) (i32.shl (local.get $r) (i32.const {S}))))
      (if (local.get $add)
        (then
          (local.set $s0 ({T}.add (local.get $s0) ({T}.load (local.get $o))))
          (local.set $s1 ({T}.add (local.get $s1) ({T}.load offset={B} (local.get $o))))
          (local.set $s2 ({T}.add (local.get $s2) ({T}.load offset={B2} (local.get $o))))
          (local.set $s3 ({T}.add (local.get $s3) ({T}.load offset={B3} (local.get $o))))))
      ({T}.store (local.get $o) (local.get $s0))
      ({T}.store offset={B} (local.get $o) (local.get $s1))
      ({T}.store offset={B2} (local.get $o) (local.get $s2))
      ({T}.store offset={B3} (local.get $o) (local.get $s3))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br $quads)))
    ;; the last rows % 4 rows, one at a time, with two accumulators to shorten the dependency chain
    (block $rows_done (loop $row
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $p0 (i32.add (local.get $m) (i32.mul (local.get $r) (local.get $ldb))))
      (local.set $a0 (v128.const i64x2 0 0))
      (local.set $a1 (v128.const i64x2 0 0))
      (local.set $o (i32.const 0))
      (block $pairs_done (loop $pairs
        (br_if $pairs_done (i32.gt_u (i32.add (local.get $o) (i32.const 32)) (local.get $end)))
        (local.set $a0 ({V}.add (local.get $a0) ({V}.mul (v128.load (i32.add (local.get $p0) (local.get $o)))
          (v128.load (i32.add (local.get $x) (local.get $o))))))
        (local.set $a1 ({V}.add (local.get $a1) ({V}.mul (v128.load offset=16 (i32.add (local.get $p0) (local.get $o)))
          (v128.load offset=16 (i32.add (local.get $x) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 32)))
        (br $pairs)))
      (if (i32.lt_u (local.get $o) (local.get $end))
        (then
          (local.set $a0 ({V}.add (local.get $a0) ({V}.mul (v128.load (i32.add (local.get $p0) (local.get $o)))
            (v128.load (i32.add (local.get $x) (local.get $o))))))
          (local.set $o (i32.add (local.get $o) (i32.const 16)))))
      (local.set $s0 (call $lanes ({V}.add (local.get $a0) (local.get $a1))))
      (block $singles_done (loop $singles
        (br_if $singles_done (i32.ge_u (local.get $o) (local.get $tail)))
        (local.set $s0 ({T}.add (local.get $s0) ({T}.mul ({T}.load (i32.add (local.get $p0) (local.get $o)))
          ({T}.load (i32.add (local.get $x) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const {B})))
        (br $singles)))
      (local.set $o (i32.add (local.get $y) (i32.shl (local.get $r) (i32.const {S}))))
      (if (local.get $add) (then (local.set $s0 ({T}.add (local.get $s0) ({T}.load (local.get $o))))))
      ({T}.store (local.get $o) (local.get $s0))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row)))
  )

  ;; y[l] (+)= Σ_r x[r]·M(r, l) for l < len, r < rows: y is updated once per four rows of M.
  (func $axpy_rows (export "axpy_rows") (param $rows i32) (param $len i32) (param $m i32) (param $ldm i32) (param $x i32)
    (param $y i32) (param $add i32)
    (local $r i32) (local $ldb i32) (local $o i32) (local $end i32) (local $tail i32) (local $xp i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $s0 {T}) (local $s1 {T}) (local $s2 {T}) (local $s3 {T})
    (local.set $ldb (i32.shl (local.get $ldm) (i32.const {S})))
    (local.set $end (i32.shl (i32.and (local.get $len) (i32.const -{L})) (i32.const {S})))
    (local.set $tail (i32.shl (local.get $len) (i32.const {S})))
    (if (i32.eqz (local.get $add))
      (then (memory.fill (local.get $y) (i32.const 0) (local.get $tail))))
    (block $quads_done (loop $quads
      (br_if $quads_done (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $rows)))
      (local.set $xp (i32.add (local.get $x) (i32.shl (local.get $r) (i32.const {S}))))
      (local.set $s0 ({T}.load (local.get $xp)))
      (local.set $s1 ({T}.load offset={B} (local.get $xp)))
      (local.set $s2 ({T}.load offset={B2} (local.get $xp)))
      (local.set $s3 ({T}.load offset={B3} (local.get $xp)))
      (local.set $x0 ({V}.splat (local.get $s0)))
      (local.set $x1 ({V}.splat (local.get $s1)))
      (local.set $x2 ({V}.splat (local.get $s2)))
      (local.set $x3 ({V}.splat (local.get $s3)))
      (local.set $p0 (i32.add (local.get $m) (i32.mul (local.get $r) (local.get $ldb))))
      (local.set $p1 (i32.add (local.get $p0) (local.get $ldb)))
      (local.set $p2 (i32.add (local.get $p1) (local.get $ldb)))
      (local.set $p3 (i32.add (local.get $p2) (local.get $ldb)))
      (local.set $o (i32.const 0))
      (block $vectors_done (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (i32.add (local.get $y) (local.get $o)) ({V}.add
          ({V}.add (v128.load (i32.add (local.get $y) (local.get $o)))
            ({V}.add ({V}.mul (local.get $x0) (v128.load (i32.add (local.get $p0) (local.get $o))))
              ({V}.mul (local.get $x1) (v128.load (i32.add (local.get $p1) (local.get $o))))))
          ({V}.add ({V}.mul (local.get $x2) (v128.load (i32.add (local.get $p2) (local.get $o))))
            ({V}.mul (local.get $x3) (v128.load (i32.add (local.get $p3) (local.get $o)))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vectors)))
      (block $singles_done (loop $singles
        (br_if $singles_done (i32.ge_u (local.get $o) (local.get $tail)))
        ({T}.store (i32.add (local.get $y) (local.get $o)) ({T}.add
          ({T}.add ({T}.load (i32.add (local.get $y) (local.get $o)))
            ({T}.add ({T}.mul (local.get $s0) ({T}.load (i32.add (local.get $p0) (local.get $o))))
              ({T}.mul (local.get $s1) ({T}.load (i32.add (local.get $p1) (local.get $o))))))
          ({T}.add ({T}.mul (local.get $s2) ({T}.load (i32.add (local.get $p2) (local.get $o))))
            ({T}.mul (local.get $s3) ({T}.load (i32.add (local.get $p3) (local.get $o)))))))
        (local.set $o (i32.add (local.get $o) (i32.const {B})))
        (br $singles)))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br $quads)))
    ;; the last rows % 4 rows, one at a time
    (block $rows_done (loop $row
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $s0 ({T}.load (i32.add (local.get $x) (i32.shl (local.get $r) (i32.const {S})))))
      (local.set $x0 ({V}.splat (local.get $s0)))
      (local.set $p0 (i32.add (local.get $m) (i32.mul (local.get $r) (local.get $ldb))))
      (local.set $o (i32.const 0))
      (block $vector_done (loop $vector
        (br_if $vector_done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (i32.add (local.get $y) (local.get $o)) ({V}.add (v128.load (i32.add (local.get $y) (local.get $o)))
          ({V}.mul (local.get $x0) (v128.load (i32.add (local.get $p0) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vector)))
      (block $single_done (loop $single
        (br_if $single_done (i32.ge_u (local.get $o) (local.get $tail)))
        ({T}.store (i32.add (local.get $y) (local.get $o)) ({T}.add ({T}.load (i32.add (local.get $y) (local.get $o)))
          ({T}.mul (local.get $s0) ({T}.load (i32.add (local.get $p0) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const {B})))
        (br $single)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row)))
  )

  ;; C(i, l) (+)= x[i]·y[l] for i < rows, l < len, C's rows ldc elements apart: the outer product (gemm with
  ;; k = 1), memory-bound, so one pass that writes each element of C once.
  (func $ger (export "ger") (param $rows i32) (param $len i32) (param $x i32) (param $y i32) (param $c i32) (param $ldc i32)
    (param $add i32)
    (local $r i32) (local $o i32) (local $end i32) (local $tail i32) (local $row i32) (local $ldb i32)
    (local $xv v128) (local $xs {T})
    (local.set $ldb (i32.shl (local.get $ldc) (i32.const {S})))
    (local.set $end (i32.shl (i32.and (local.get $len) (i32.const -{L})) (i32.const {S})))
    (local.set $tail (i32.shl (local.get $len) (i32.const {S})))
    (local.set $row (local.get $c))
    (block $rows_done (loop $rows_loop
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $xs ({T}.load (i32.add (local.get $x) (i32.shl (local.get $r) (i32.const {S})))))
      (local.set $xv ({V}.splat (local.get $xs)))
      (local.set $o (i32.const 0))
      (if (local.get $add)
        (then
          (block $add_done (loop $add_vectors
            (br_if $add_done (i32.ge_u (local.get $o) (local.get $end)))
            (v128.store (i32.add (local.get $row) (local.get $o)) ({V}.add
              (v128.load (i32.add (local.get $row) (local.get $o)))
              ({V}.mul (local.get $xv) (v128.load (i32.add (local.get $y) (local.get $o))))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $add_vectors))))
        (else
          (block $set_done (loop $set_vectors
            (br_if $set_done (i32.ge_u (local.get $o) (local.get $end)))
            (v128.store (i32.add (local.get $row) (local.get $o))
              ({V}.mul (local.get $xv) (v128.load (i32.add (local.get $y) (local.get $o)))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $set_vectors)))))
      (block $singles_done (loop $singles
        (br_if $singles_done (i32.ge_u (local.get $o) (local.get $tail)))
        ({T}.store (i32.add (local.get $row) (local.get $o)) ({T}.add
          (select ({T}.load (i32.add (local.get $row) (local.get $o))) ({T}.const 0) (local.get $add))
          ({T}.mul (local.get $xs) ({T}.load (i32.add (local.get $y) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const {B})))
        (br $singles)))
      (local.set $row (i32.add (local.get $row) (local.get $ldb)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows_loop)))
  )
)
