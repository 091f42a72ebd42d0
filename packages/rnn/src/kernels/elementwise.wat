;; WebAssembly SIMD for the RNN's elementwise and row-wise work: tanh of (1a), the δ gate, softmax with cross-entropy.
;;
;; Pointers are byte addresses into the imported memory (the kernel memory of @rnn/einsum, where the training step's
;; tensors live); sizes count elements; token ids are i32. One template, two variants: T is the element type, V its
;; vector type (L lanes, S = log2 of its bytes, B its bytes). Built by `einsum-wat` (see package.json's build).
;;
;; exp and tanh are computed here, not imported: e^r − 1 by its Taylor series on |r| ≤ ln2/2 after the reduction
;; x = n·ln2 + r (Cody and Waite's two-part ln2), to degree 13 for f64 (next term below 1.3e-17 relative) and 8 for
;; f32 (below 1e-9); 2^n is made from its exponent bits. Clamps use pmin/pmax (one instruction each on x64, where
;; min/max with IEEE NaN rules take several); a NaN input still comes out NaN. tanh|x| = −u / (u + 2) with u = e^(−2|x|) − 1, which
;; has no cancellation near 0, and takes the sign of x. Both are within a few units in the last place of the
;; correctly rounded values (test/kernels.test.ts measures it against Math.exp and Math.tanh).
;; @variant f64 T=f64 V=f64x2 S=3 B=8 L=2 B2=16 B3=24 EXP_LOW=-708 TANH_LOW=-50 I=i64x2 IT=i64 BIAS=1023 MANT=52 MAGIC=6755399441055744
;; @variant f32 T=f32 V=f32x4 S=2 B=4 L=4 B2=8 B3=12 EXP_LOW=-87 TANH_LOW=-20 I=i32x4 IT=i32 BIAS=127 MANT=23 MAGIC=12582912
(module
  (import "env" "memory" (memory 1))

;; @include math.part.wat

  ;; Exported for the accuracy tests: y[i] = e^x[i] and y[i] = tanh x[i] for i < n.
  (func (export "exp") (param $x i32) (param $y i32) (param $n i32)
    (local $o i32) (local $end i32)
    (local.set $end (i32.shl (local.get $n) (i32.const {S})))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
      ({T}.store (i32.add (local.get $y) (local.get $o))
        ({V}.extract_lane 0 (call $exp ({V}.splat ({T}.load (i32.add (local.get $x) (local.get $o)))))))
      (local.set $o (i32.add (local.get $o) (i32.const {B})))
      (br $each)))
  )
  (func (export "tanh") (param $x i32) (param $y i32) (param $n i32)
    (local $o i32) (local $end i32)
    (local.set $end (i32.shl (local.get $n) (i32.const {S})))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
      ({T}.store (i32.add (local.get $y) (local.get $o))
        ({V}.extract_lane 0 (call $tanh ({V}.splat ({T}.load (i32.add (local.get $x) (local.get $o)))))))
      (local.set $o (i32.add (local.get $o) (i32.const {B})))
      (br $each)))
  )

  ;; (1a) for `rows` sequences at one step: out[r, h] = tanh(mixed[r, h] + table[tokens[r], h]), h < width. The
  ;; table is U by token ([K, H], so U x_t is one contiguous row: the gather of a one-hot product). out may be mixed.
  (func (export "tanh_gather") (param $out i32) (param $mixed i32) (param $table i32) (param $tokens i32)
    (param $rows i32) (param $width i32)
    (local $r i32) (local $o i32) (local $rowBytes i32) (local $end i32) (local $at i32) (local $from i32) (local $to i32)
    (local $row i32)
    (local.set $rowBytes (i32.shl (local.get $width) (i32.const {S})))
    (local.set $end (i32.shl (i32.and (local.get $width) (i32.const -{L})) (i32.const {S})))
    (block $rows_done (loop $each_row
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $at (i32.mul (local.get $r) (local.get $rowBytes)))
      (local.set $from (i32.add (local.get $mixed) (local.get $at)))
      (local.set $to (i32.add (local.get $out) (local.get $at)))
      (local.set $row (i32.add (local.get $table)
        (i32.mul (i32.load (i32.add (local.get $tokens) (i32.shl (local.get $r) (i32.const 2)))) (local.get $rowBytes))))
      (local.set $o (i32.const 0))
      (block $vectors_done (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (i32.add (local.get $to) (local.get $o))
          (call $tanh ({V}.add (v128.load (i32.add (local.get $from) (local.get $o)))
                               (v128.load (i32.add (local.get $row) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vectors)))
      (block $singles_done (loop $singles
        (br_if $singles_done (i32.ge_u (local.get $o) (local.get $rowBytes)))
        ({T}.store (i32.add (local.get $to) (local.get $o))
          ({V}.extract_lane 0 (call $tanh ({V}.splat ({T}.add ({T}.load (i32.add (local.get $from) (local.get $o)))
                                                              ({T}.load (i32.add (local.get $row) (local.get $o))))))))
        (local.set $o (i32.add (local.get $o) (i32.const {B})))
        (br $singles)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $each_row)))
  )

  ;; The δ gate of (21)/(24): out[i] = (a[i] + b[i])·(1 − s[i]²) for i < n (the errors reaching s_r, through tanh').
  (func (export "gate") (param $out i32) (param $a i32) (param $b i32) (param $s i32) (param $n i32)
    (local $o i32) (local $end i32) (local $bytes i32) (local $v v128)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -{L})) (i32.const {S})))
    (local.set $bytes (i32.shl (local.get $n) (i32.const {S})))
    (block $vectors_done (loop $vectors
      (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $v (v128.load (i32.add (local.get $s) (local.get $o))))
      (v128.store (i32.add (local.get $out) (local.get $o))
        ({V}.mul
          ({V}.add (v128.load (i32.add (local.get $a) (local.get $o))) (v128.load (i32.add (local.get $b) (local.get $o))))
          ({V}.sub ({V}.splat ({T}.const 1)) ({V}.mul (local.get $v) (local.get $v)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $vectors)))
    (block $singles_done (loop $singles
      (br_if $singles_done (i32.ge_u (local.get $o) (local.get $bytes)))
      ({T}.store (i32.add (local.get $out) (local.get $o))
        ({T}.mul
          ({T}.add ({T}.load (i32.add (local.get $a) (local.get $o))) ({T}.load (i32.add (local.get $b) (local.get $o))))
          ({T}.sub ({T}.const 1)
            ({T}.mul ({T}.load (i32.add (local.get $s) (local.get $o))) ({T}.load (i32.add (local.get $s) (local.get $o)))))))
      (local.set $o (i32.add (local.get $o) (i32.const {B})))
      (br $singles)))
  )

  ;; Truncated BPTT's gate: delta[i] = a[i]·(1 − s[i]²), then sum[i] += delta[i], for i < n.
  (func (export "gate_accumulate") (param $delta i32) (param $sum i32) (param $a i32) (param $s i32) (param $n i32)
    (local $o i32) (local $end i32) (local $bytes i32) (local $v v128) (local $d v128) (local $x {T}) (local $e {T})
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -{L})) (i32.const {S})))
    (local.set $bytes (i32.shl (local.get $n) (i32.const {S})))
    (block $vectors_done (loop $vectors
      (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $v (v128.load (i32.add (local.get $s) (local.get $o))))
      (local.set $d ({V}.mul (v128.load (i32.add (local.get $a) (local.get $o)))
                             ({V}.sub ({V}.splat ({T}.const 1)) ({V}.mul (local.get $v) (local.get $v)))))
      (v128.store (i32.add (local.get $delta) (local.get $o)) (local.get $d))
      (v128.store (i32.add (local.get $sum) (local.get $o))
        ({V}.add (v128.load (i32.add (local.get $sum) (local.get $o))) (local.get $d)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $vectors)))
    (block $singles_done (loop $singles
      (br_if $singles_done (i32.ge_u (local.get $o) (local.get $bytes)))
      (local.set $x ({T}.load (i32.add (local.get $s) (local.get $o))))
      (local.set $e ({T}.mul ({T}.load (i32.add (local.get $a) (local.get $o)))
                             ({T}.sub ({T}.const 1) ({T}.mul (local.get $x) (local.get $x)))))
      ({T}.store (i32.add (local.get $delta) (local.get $o)) (local.get $e))
      ({T}.store (i32.add (local.get $sum) (local.get $o))
        ({T}.add ({T}.load (i32.add (local.get $sum) (local.get $o))) (local.get $e)))
      (local.set $o (i32.add (local.get $o) (i32.const {B})))
      (br $singles)))
  )

  ;; (24)'s scatter: target[tokens[r], h] += source[r, h] for r < rows, h < width (target is dU by token).
  (func (export "scatter_add") (param $target i32) (param $source i32) (param $tokens i32) (param $rows i32)
    (param $width i32)
    (local $r i32) (local $o i32) (local $rowBytes i32) (local $end i32) (local $from i32) (local $to i32)
    (local.set $rowBytes (i32.shl (local.get $width) (i32.const {S})))
    (local.set $end (i32.shl (i32.and (local.get $width) (i32.const -{L})) (i32.const {S})))
    (block $rows_done (loop $each_row
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $from (i32.add (local.get $source) (i32.mul (local.get $r) (local.get $rowBytes))))
      (local.set $to (i32.add (local.get $target)
        (i32.mul (i32.load (i32.add (local.get $tokens) (i32.shl (local.get $r) (i32.const 2)))) (local.get $rowBytes))))
      (local.set $o (i32.const 0))
      (block $vectors_done (loop $vectors
        (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (i32.add (local.get $to) (local.get $o))
          ({V}.add (v128.load (i32.add (local.get $to) (local.get $o))) (v128.load (i32.add (local.get $from) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vectors)))
      (block $singles_done (loop $singles
        (br_if $singles_done (i32.ge_u (local.get $o) (local.get $rowBytes)))
        ({T}.store (i32.add (local.get $to) (local.get $o))
          ({T}.add ({T}.load (i32.add (local.get $to) (local.get $o))) ({T}.load (i32.add (local.get $from) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const {B})))
        (br $singles)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $each_row)))
  )

  ;; (1b), (2) and (11) for `rows` rows of logits q [rows, width]: each row becomes e = (softmax(q) − y)/N, with
  ;; y the one-hot of targets[r] and N = count; stats[3r], stats[3r + 1], stats[3r + 2] receive the row's max,
  ;; Σ exp(q − max) and the target's logit, so that the caller adds E = max + log Σ − q[target] (log is the caller's).
  (func (export "softmax_xent") (param $q i32) (param $targets i32) (param $rows i32) (param $width i32)
    (param $count {T}) (param $stats i32)
    (local $r i32) (local $o i32) (local $row i32) (local $rowBytes i32) (local $end i32) (local $v v128)
    (local $max {T}) (local $sum {T}) (local $x {T}) (local $scale {T}) (local $target i32) (local $out i32)
    (local.set $rowBytes (i32.shl (local.get $width) (i32.const {S})))
    (local.set $end (i32.shl (i32.and (local.get $width) (i32.const -{L})) (i32.const {S})))
    (block $rows_done (loop $each_row
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $row (i32.add (local.get $q) (i32.mul (local.get $r) (local.get $rowBytes))))
      (local.set $target (i32.add (local.get $row)
        (i32.shl (i32.load (i32.add (local.get $targets) (i32.shl (local.get $r) (i32.const 2)))) (i32.const {S}))))
      (local.set $out (i32.add (local.get $stats) (i32.mul (local.get $r) (i32.const {B3}))))
      ({T}.store offset={B2} (local.get $out) ({T}.load (local.get $target)))
      ;; the row's maximum (pmax, one instruction: a NaN logit still reaches Σ through exp, and so the loss)
      (local.set $v ({V}.splat ({T}.load (local.get $row))))
      (local.set $o (i32.const 0))
      (block $max_done (loop $max_vectors
        (br_if $max_done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $v ({V}.pmax (local.get $v) (v128.load (i32.add (local.get $row) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $max_vectors)))
      (block $max_singles_done (loop $max_singles
        (br_if $max_singles_done (i32.ge_u (local.get $o) (local.get $rowBytes)))
        (local.set $v ({V}.pmax (local.get $v) ({V}.splat ({T}.load (i32.add (local.get $row) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const {B})))
        (br $max_singles)))
      (local.set $max ({T}.max ({V}.extract_lane 0 (local.get $v)) ({V}.extract_lane 1 (local.get $v))))
;; @if f32
      (local.set $max ({T}.max (local.get $max) ({T}.max ({V}.extract_lane 2 (local.get $v)) ({V}.extract_lane 3 (local.get $v)))))
;; @end
      ({T}.store (local.get $out) (local.get $max))
      ;; exp(q − max) in place, and its sum
      (local.set $v ({V}.splat ({T}.const 0)))
      (local.set $o (i32.const 0))
      (block $exp_done (loop $exp_vectors
        (br_if $exp_done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (i32.add (local.get $row) (local.get $o))
          (call $exp ({V}.sub (v128.load (i32.add (local.get $row) (local.get $o))) ({V}.splat (local.get $max)))))
        (local.set $v ({V}.add (local.get $v) (v128.load (i32.add (local.get $row) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $exp_vectors)))
      (local.set $sum ({T}.add ({V}.extract_lane 0 (local.get $v)) ({V}.extract_lane 1 (local.get $v))))
;; @if f32
      (local.set $sum ({T}.add (local.get $sum) ({T}.add ({V}.extract_lane 2 (local.get $v)) ({V}.extract_lane 3 (local.get $v)))))
;; @end
      (block $exp_singles_done (loop $exp_singles
        (br_if $exp_singles_done (i32.ge_u (local.get $o) (local.get $rowBytes)))
        (local.set $x ({V}.extract_lane 0
          (call $exp ({V}.splat ({T}.sub ({T}.load (i32.add (local.get $row) (local.get $o))) (local.get $max))))))
        ({T}.store (i32.add (local.get $row) (local.get $o)) (local.get $x))
        (local.set $sum ({T}.add (local.get $sum) (local.get $x)))
        (local.set $o (i32.add (local.get $o) (i32.const {B})))
        (br $exp_singles)))
      ({T}.store offset={B} (local.get $out) (local.get $sum))
      ;; e = p / (Σ·N), then − 1/N at the target
      (local.set $scale ({T}.div ({T}.const 1) ({T}.mul (local.get $sum) (local.get $count))))
      (local.set $v ({V}.splat (local.get $scale)))
      (local.set $o (i32.const 0))
      (block $scale_done (loop $scale_vectors
        (br_if $scale_done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (i32.add (local.get $row) (local.get $o))
          ({V}.mul (v128.load (i32.add (local.get $row) (local.get $o))) (local.get $v)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $scale_vectors)))
      (block $scale_singles_done (loop $scale_singles
        (br_if $scale_singles_done (i32.ge_u (local.get $o) (local.get $rowBytes)))
        ({T}.store (i32.add (local.get $row) (local.get $o))
          ({T}.mul ({T}.load (i32.add (local.get $row) (local.get $o))) (local.get $scale)))
        (local.set $o (i32.add (local.get $o) (i32.const {B})))
        (br $scale_singles)))
      ({T}.store (local.get $target)
        ({T}.sub ({T}.load (local.get $target)) ({T}.div ({T}.const 1) (local.get $count))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $each_row)))
  )
)
