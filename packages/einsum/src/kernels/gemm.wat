;; WebAssembly SIMD matrix products (f64 and f32 from one template): packed panels, a 4-row register tile.
;;
;; Conventions: pointers are byte addresses into the imported memory (shared with every other kernel module);
;; strides and sizes count elements. Bytes [0, 128) hold a scratch tile for partial edge tiles; callers place
;; their buffers after 256. Compiled at build time by scripts/build-wasm.mjs (wabt), one module per variant:
;; T is the element type, V its vector type (L lanes), S log2 of its bytes; the tile is 4 rows × NR columns
;; (two vectors per row), KC and MC the cache blocks of k and m.
;; @variant f64 T=f64 V=f64x2 S=3 L=2 B1=8 B2=16 B3=24 NR=4 LNR=2 AR2=32 H=v128 HB=16 SPLAT=v128.load64_splat KC=256 MC=96
;; @variant f32 T=f32 V=f32x4 S=2 L=4 B1=4 B2=8 B3=12 NR=8 LNR=3 AR2=16 H=i64 HB=8 SPLAT=v128.load32_splat KC=512 MC=96
(module
  (import "env" "memory" (memory 1))

;; @include pack.part.wat

  ;; The register tile: C[4×NR] (+)= Apanel[4×depth] · Bpanel[depth×NR]; 8 accumulators + 2 B vectors + 1 A
  ;; broadcast = 11 live v128 (V8 spills beyond that). C rows are ldcb bytes apart.
  (func $tile (param $depth i32) (param $pa i32) (param $pb i32) (param $c i32) (param $ldcb i32) (param $add i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $a v128) (local $end i32)
    (local.set $end (i32.add (local.get $pb) (i32.shl (local.get $depth) (i32.const 5))))
    (block $done (loop $step
      (br_if $done (i32.ge_u (local.get $pb) (local.get $end)))
      (local.set $b0 (v128.load (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      (local.set $a ({SPLAT} (local.get $pa)))
      (local.set $c00 ({V}.add (local.get $c00) ({V}.mul (local.get $a) (local.get $b0))))
      (local.set $c01 ({V}.add (local.get $c01) ({V}.mul (local.get $a) (local.get $b1))))
      (local.set $a ({SPLAT} offset={B1} (local.get $pa)))
      (local.set $c10 ({V}.add (local.get $c10) ({V}.mul (local.get $a) (local.get $b0))))
      (local.set $c11 ({V}.add (local.get $c11) ({V}.mul (local.get $a) (local.get $b1))))
      (local.set $a ({SPLAT} offset={B2} (local.get $pa)))
      (local.set $c20 ({V}.add (local.get $c20) ({V}.mul (local.get $a) (local.get $b0))))
      (local.set $c21 ({V}.add (local.get $c21) ({V}.mul (local.get $a) (local.get $b1))))
      (local.set $a ({SPLAT} offset={B3} (local.get $pa)))
      (local.set $c30 ({V}.add (local.get $c30) ({V}.mul (local.get $a) (local.get $b0))))
      (local.set $c31 ({V}.add (local.get $c31) ({V}.mul (local.get $a) (local.get $b1))))
      (local.set $pa (i32.add (local.get $pa) (i32.const {AR2})))
      (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
      (br $step)))
    (if (local.get $add)
      (then
        (local.set $c00 ({V}.add (local.get $c00) (v128.load (local.get $c))))
        (local.set $c01 ({V}.add (local.get $c01) (v128.load offset=16 (local.get $c))))
        (local.set $c10 ({V}.add (local.get $c10) (v128.load (i32.add (local.get $c) (local.get $ldcb)))))
        (local.set $c11 ({V}.add (local.get $c11) (v128.load offset=16 (i32.add (local.get $c) (local.get $ldcb)))))
        (local.set $c20 ({V}.add (local.get $c20)
          (v128.load (i32.add (local.get $c) (i32.shl (local.get $ldcb) (i32.const 1))))))
        (local.set $c21 ({V}.add (local.get $c21)
          (v128.load offset=16 (i32.add (local.get $c) (i32.shl (local.get $ldcb) (i32.const 1))))))
        (local.set $c30 ({V}.add (local.get $c30)
          (v128.load (i32.add (local.get $c) (i32.mul (local.get $ldcb) (i32.const 3))))))
        (local.set $c31 ({V}.add (local.get $c31)
          (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldcb) (i32.const 3))))))))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $ldcb)))
    (v128.store (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $ldcb)))
    (v128.store (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $ldcb)))
    (v128.store (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31))
  )

  ;; Copies the rows×cols top-left part of the scratch tile (at byte 0, rows 32 bytes apart) into C, adding
  ;; to C's values when `add` is set: used for the partial tiles at the right and bottom edges.
  (func $store_partial (param $rows i32) (param $cols i32) (param $c i32) (param $ldcb i32) (param $add i32)
    (local $r i32) (local $j i32) (local $src i32) (local $dst i32) (local $v {T})
    (block $rows_done (loop $row
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $cols_done (loop $col
        (br_if $cols_done (i32.ge_u (local.get $j) (local.get $cols)))
        (local.set $src (i32.shl (i32.add (i32.shl (local.get $r) (i32.const {LNR})) (local.get $j)) (i32.const {S})))
        (local.set $dst (i32.add (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldcb)))
          (i32.shl (local.get $j) (i32.const {S}))))
        (local.set $v ({T}.load (local.get $src)))
        (if (local.get $add) (then (local.set $v ({T}.add (local.get $v) ({T}.load (local.get $dst))))))
        ({T}.store (local.get $dst) (local.get $v))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $col)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row)))
  )

  ;; C (+)= op(A)·op(B) for one m×n×k product. A(i, p) is at a + (i·ars + p·acs)·bytes, B(p, j) at
  ;; b + (p·brs + j·bcs)·bytes, C(i, j) at c + (i·ldc + j)·bytes. k is blocked by KC (one packed B block of
  ;; KC×n at packB), m by MC (one packed A block of MC×KC at packA, kept in L2).
  (func $product (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $ars i32) (param $acs i32) (param $b i32) (param $brs i32) (param $bcs i32)
    (param $c i32) (param $ldc i32) (param $add i32) (param $packA i32) (param $packB i32)
    (local $p0 i32) (local $kc i32) (local $i0 i32) (local $mc i32) (local $i i32) (local $j i32)
    (local $addBlock i32) (local $ldcb i32) (local $pa i32) (local $pb i32) (local $ct i32)
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const {S})))
    (if (i32.eqz (local.get $k))
      (then
        (if (i32.eqz (local.get $add))
          (then
            (local.set $i (i32.const 0))
            (block $zero_done (loop $zero
              (br_if $zero_done (i32.ge_u (local.get $i) (local.get $m)))
              (memory.fill (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldcb)))
                (i32.const 0) (i32.shl (local.get $n) (i32.const {S})))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $zero)))))
        (return)))
    (block $kblocks_done (loop $kblocks
      (br_if $kblocks_done (i32.ge_u (local.get $p0) (local.get $k)))
      (local.set $kc (i32.sub (local.get $k) (local.get $p0)))
      (if (i32.gt_u (local.get $kc) (i32.const {KC})) (then (local.set $kc (i32.const {KC}))))
      (local.set $addBlock (i32.or (local.get $add) (i32.ne (local.get $p0) (i32.const 0))))
      (call $pack_b (i32.add (local.get $b) (i32.shl (i32.mul (local.get $p0) (local.get $brs)) (i32.const {S})))
        (local.get $brs) (local.get $bcs) (local.get $kc) (local.get $n) (local.get $packB))
      (local.set $i0 (i32.const 0))
      (block $mblocks_done (loop $mblocks
        (br_if $mblocks_done (i32.ge_u (local.get $i0) (local.get $m)))
        (local.set $mc (i32.sub (local.get $m) (local.get $i0)))
        (if (i32.gt_u (local.get $mc) (i32.const {MC})) (then (local.set $mc (i32.const {MC}))))
        (call $pack_a (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $i0) (local.get $ars))
            (i32.mul (local.get $p0) (local.get $acs))) (i32.const {S})))
          (local.get $ars) (local.get $acs) (local.get $mc) (local.get $kc) (local.get $packA))
        (local.set $j (i32.const 0))
        (block $jpanels_done (loop $jpanels
          (br_if $jpanels_done (i32.ge_u (local.get $j) (local.get $n)))
          (local.set $pb (i32.add (local.get $packB) (i32.shl (i32.mul (local.get $j) (local.get $kc)) (i32.const {S}))))
          (local.set $i (i32.const 0))
          (block $ipanels_done (loop $ipanels
            (br_if $ipanels_done (i32.ge_u (local.get $i) (local.get $mc)))
            (local.set $pa (i32.add (local.get $packA) (i32.shl (i32.mul (local.get $i) (local.get $kc)) (i32.const {S}))))
            (local.set $ct (i32.add (local.get $c) (i32.add
              (i32.mul (i32.add (local.get $i0) (local.get $i)) (local.get $ldcb)) (i32.shl (local.get $j) (i32.const {S})))))
            (if (i32.and (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $mc))
                         (i32.le_u (i32.add (local.get $j) (i32.const {NR})) (local.get $n)))
              (then (call $tile (local.get $kc) (local.get $pa) (local.get $pb) (local.get $ct) (local.get $ldcb)
                (local.get $addBlock)))
              (else
                (call $tile (local.get $kc) (local.get $pa) (local.get $pb) (i32.const 0) (i32.const 32) (i32.const 0))
                (call $store_partial
                  (select (i32.const 4) (i32.sub (local.get $mc) (local.get $i))
                    (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $mc)))
                  (select (i32.const {NR}) (i32.sub (local.get $n) (local.get $j))
                    (i32.le_u (i32.add (local.get $j) (i32.const {NR})) (local.get $n)))
                  (local.get $ct) (local.get $ldcb) (local.get $addBlock))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $ipanels)))
          (local.set $j (i32.add (local.get $j) (i32.const {NR})))
          (br $jpanels)))
        (local.set $i0 (i32.add (local.get $i0) (i32.const {MC})))
        (br $mblocks)))
      (local.set $p0 (i32.add (local.get $p0) (i32.const {KC})))
      (br $kblocks)))
  )

  ;; For q < batch: the product of $product on A, B and C advanced by q times their batch strides (bytes): one
  ;; call from JavaScript per pairwise step, however many matrices it holds.
  (func $gemm (export "gemm") (param $batch i32) (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $ars i32) (param $acs i32) (param $abs i32)
    (param $b i32) (param $brs i32) (param $bcs i32) (param $bbs i32)
    (param $c i32) (param $ldc i32) (param $cbs i32) (param $add i32) (param $packA i32) (param $packB i32)
    (local $q i32)
    (block $done (loop $matrices
      (br_if $done (i32.ge_u (local.get $q) (local.get $batch)))
      (call $product (local.get $m) (local.get $n) (local.get $k)
        (local.get $a) (local.get $ars) (local.get $acs) (local.get $b) (local.get $brs) (local.get $bcs)
        (local.get $c) (local.get $ldc) (local.get $add) (local.get $packA) (local.get $packB))
      (local.set $a (i32.add (local.get $a) (local.get $abs)))
      (local.set $b (i32.add (local.get $b) (local.get $bbs)))
      (local.set $c (i32.add (local.get $c) (local.get $cbs)))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $matrices)))
  )
)
