;; Packing for gemm.wat (included by it): four-way interleaves and the packed panels of A and B that the register
;; tile reads. The template variables ({T}, {S}, {NR}, …) are gemm.wat's; see its header.

  ;; Interleaves four runs that are contiguous in q: dst[q·dstep + r·bytes] = src[r·stride + q·bytes] for
  ;; r < 4, q < count. A vector from each run per step, transposed with shuffles (2×2 blocks of f64, 4×4 of
  ;; f32): how a row-major A (four rows) or a transposed B (four columns) becomes a packed panel.
  (func $interleave4 (param $src i32) (param $stride i32) (param $count i32) (param $dst i32) (param $dstep i32)
    (local $o i32) (local $end i32) (local $tail i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $s1 (i32.add (local.get $src) (local.get $stride)))
    (local.set $s2 (i32.add (local.get $s1) (local.get $stride)))
    (local.set $s3 (i32.add (local.get $s2) (local.get $stride)))
    (local.set $end (i32.shl (i32.and (local.get $count) (i32.const -{L})) (i32.const {S})))
    (local.set $tail (i32.shl (local.get $count) (i32.const {S})))
    (block $vectors_done (loop $vectors
      (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $v0 (v128.load (i32.add (local.get $src) (local.get $o))))
      (local.set $v1 (v128.load (i32.add (local.get $s1) (local.get $o))))
      (local.set $v2 (v128.load (i32.add (local.get $s2) (local.get $o))))
      (local.set $v3 (v128.load (i32.add (local.get $s3) (local.get $o))))
;; @if f64
      (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $v0) (local.get $v1)))
      (v128.store offset=16 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $v2) (local.get $v3)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstep)))
      (v128.store (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $v0) (local.get $v1)))
      (v128.store offset=16 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $v2) (local.get $v3)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstep)))
;; @end
;; @if f32
      (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
      (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
      (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
      (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
      (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstep)))
      (v128.store (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstep)))
      (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstep)))
      (v128.store (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstep)))
;; @end
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $vectors)))
    (block $singles_done (loop $singles
      (br_if $singles_done (i32.ge_u (local.get $o) (local.get $tail)))
      ({T}.store (local.get $dst) ({T}.load (i32.add (local.get $src) (local.get $o))))
      ({T}.store offset={B1} (local.get $dst) ({T}.load (i32.add (local.get $s1) (local.get $o))))
      ({T}.store offset={B2} (local.get $dst) ({T}.load (i32.add (local.get $s2) (local.get $o))))
      ({T}.store offset={B3} (local.get $dst) ({T}.load (i32.add (local.get $s3) (local.get $o))))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstep)))
      (local.set $o (i32.add (local.get $o) (i32.const {B1})))
      (br $singles)))
  )

  ;; Packs the rows×depth block of A whose element (i, p) is at src + (i·rs + p·cs)·bytes into panels of 4
  ;; rows: panel q starts at dst + 4q·depth·bytes and holds, for each p, the 4 values A(4q..4q+3, p) (zero
  ;; past `rows`).
  (func $pack_a (param $src i32) (param $rs i32) (param $cs i32) (param $rows i32) (param $depth i32)
    (param $dst i32)
    (local $i i32) (local $r i32) (local $p i32) (local $s i32) (local $d i32) (local $rsb i32) (local $csb i32)
    (local.set $rsb (i32.shl (local.get $rs) (i32.const {S})))
    (local.set $csb (i32.shl (local.get $cs) (i32.const {S})))
    (block $panels_done (loop $panels
      (br_if $panels_done (i32.ge_u (local.get $i) (local.get $rows)))
      (if (i32.and (i32.eq (local.get $rs) (i32.const 1))
                   (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $rows)))
        (then
          ;; the 4 rows of one column are adjacent (A stored transposed): copy them as two halves per p
          (local.set $s (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const {S}))))
          (local.set $d (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $i) (local.get $depth)) (i32.const {S}))))
          (local.set $p (i32.const 0))
          (block $cols_done (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $p) (local.get $depth)))
            ({H}.store (local.get $d) ({H}.load (local.get $s)))
            ({H}.store offset={HB} (local.get $d) ({H}.load offset={HB} (local.get $s)))
            (local.set $s (i32.add (local.get $s) (local.get $csb)))
            (local.set $d (i32.add (local.get $d) (i32.const {AR2})))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $cols))))
        (else (if (i32.and (i32.eq (local.get $cs) (i32.const 1))
                           (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $rows)))
        (then
          ;; A row-major: four rows, each contiguous in p, interleaved with shuffles
          (call $interleave4 (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $rsb))) (local.get $rsb)
            (local.get $depth)
            (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $i) (local.get $depth)) (i32.const {S})))
            (i32.const {AR2})))
        (else
          (local.set $r (i32.const 0))
          (block $rows_done (loop $row
            (br_if $rows_done (i32.ge_u (local.get $r) (i32.const 4)))
            (local.set $d (i32.add
              (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $i) (local.get $depth)) (i32.const {S})))
              (i32.shl (local.get $r) (i32.const {S}))))
            (local.set $p (i32.const 0))
            (if (i32.lt_u (i32.add (local.get $i) (local.get $r)) (local.get $rows))
              (then
                (local.set $s (i32.add (local.get $src)
                  (i32.mul (i32.add (local.get $i) (local.get $r)) (local.get $rsb))))
                (block $copy_done (loop $copy
                  (br_if $copy_done (i32.ge_u (local.get $p) (local.get $depth)))
                  ({T}.store (local.get $d) ({T}.load (local.get $s)))
                  (local.set $s (i32.add (local.get $s) (local.get $csb)))
                  (local.set $d (i32.add (local.get $d) (i32.const {AR2})))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $copy))))
              (else
                (block $zero_done (loop $zero
                  (br_if $zero_done (i32.ge_u (local.get $p) (local.get $depth)))
                  ({T}.store (local.get $d) ({T}.const 0))
                  (local.set $d (i32.add (local.get $d) (i32.const {AR2})))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $zero)))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $row)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $panels)))
  )

  ;; Packs the depth×cols block of B whose element (p, j) is at src + (p·rs + j·cs)·bytes into panels of NR
  ;; columns: panel q starts at dst + NR·q·depth·bytes and holds, for each p, B(p, NR·q..NR·q+NR−1) (zero
  ;; past `cols`). One row of a panel is 32 bytes in both variants.
  (func $pack_b (param $src i32) (param $rs i32) (param $cs i32) (param $depth i32) (param $cols i32)
    (param $dst i32)
    (local $j i32) (local $c i32) (local $p i32) (local $s i32) (local $d i32) (local $rsb i32) (local $csb i32)
    (local.set $rsb (i32.shl (local.get $rs) (i32.const {S})))
    (local.set $csb (i32.shl (local.get $cs) (i32.const {S})))
    (block $panels_done (loop $panels
      (br_if $panels_done (i32.ge_u (local.get $j) (local.get $cols)))
      (if (i32.and (i32.eq (local.get $cs) (i32.const 1))
                   (i32.le_u (i32.add (local.get $j) (i32.const {NR})) (local.get $cols)))
        (then
          ;; row-major B: the NR columns of one row are adjacent, copy two vectors per p
          (local.set $s (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const {S}))))
          (local.set $d (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $j) (local.get $depth)) (i32.const {S}))))
          (local.set $p (i32.const 0))
          (block $rows_done (loop $row
            (br_if $rows_done (i32.ge_u (local.get $p) (local.get $depth)))
            (v128.store (local.get $d) (v128.load (local.get $s)))
            (v128.store offset=16 (local.get $d) (v128.load offset=16 (local.get $s)))
            (local.set $s (i32.add (local.get $s) (local.get $rsb)))
            (local.set $d (i32.add (local.get $d) (i32.const 32)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $row))))
        (else (if (i32.and (i32.eq (local.get $rs) (i32.const 1))
                           (i32.le_u (i32.add (local.get $j) (i32.const {NR})) (local.get $cols)))
        (then
          ;; B stored transposed: each column contiguous in p; four columns at a time interleaved with shuffles
          (local.set $d (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $j) (local.get $depth)) (i32.const {S}))))
          (call $interleave4 (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $csb))) (local.get $csb)
            (local.get $depth) (local.get $d) (i32.const 32))
;; @if f32
          (call $interleave4 (i32.add (local.get $src) (i32.mul (i32.add (local.get $j) (i32.const 4)) (local.get $csb)))
            (local.get $csb) (local.get $depth) (i32.add (local.get $d) (i32.const 16)) (i32.const 32))
;; @end
          )
        (else
          (local.set $c (i32.const 0))
          (block $cols_done (loop $col
            (br_if $cols_done (i32.ge_u (local.get $c) (i32.const {NR})))
            (local.set $d (i32.add
              (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $j) (local.get $depth)) (i32.const {S})))
              (i32.shl (local.get $c) (i32.const {S}))))
            (local.set $p (i32.const 0))
            (if (i32.lt_u (i32.add (local.get $j) (local.get $c)) (local.get $cols))
              (then
                (local.set $s (i32.add (local.get $src)
                  (i32.mul (i32.add (local.get $j) (local.get $c)) (local.get $csb))))
                (block $copy_done (loop $copy
                  (br_if $copy_done (i32.ge_u (local.get $p) (local.get $depth)))
                  ({T}.store (local.get $d) ({T}.load (local.get $s)))
                  (local.set $s (i32.add (local.get $s) (local.get $rsb)))
                  (local.set $d (i32.add (local.get $d) (i32.const 32)))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $copy))))
              (else
                (block $zero_done (loop $zero
                  (br_if $zero_done (i32.ge_u (local.get $p) (local.get $depth)))
                  ({T}.store (local.get $d) ({T}.const 0))
                  (local.set $d (i32.add (local.get $d) (i32.const 32)))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $zero)))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $col)))))))
      (local.set $j (i32.add (local.get $j) (i32.const {NR})))
      (br $panels)))
  )
