;; Adagrad's update and the gradient statistics in WebAssembly SIMD, on tensors where they lie in kernel memory.
;;
;; Pointers are byte addresses into the imported memory (@rnn/einsum's kernel memory: the parameters, their
;; gradients and Adagrad's memory are resident tensors there); n counts elements. The update does the operations of
;; the JS loop in `adagradUpdate`, in the same order, so the two agree bit for bit (in f32, the JS loop rounds after
;; every operation with Math.fround). One template, two variants: T the element type, V its vector type (L lanes,
;; S = log2 of its bytes, B its bytes). Built by `einsum-wat` (see package.json's build).
;; @variant f64 T=f64 V=f64x2 S=3 B=8 L=2 L2=4
;; @variant f32 T=f32 V=f32x4 S=2 B=4 L=4 L2=8
(module
  (import "env" "memory" (memory 1))

  ;; For i < n: g ← min(max(g[i], −clip), clip); m[i] ← m[i] + g·g; θ[i] ← θ[i] − (lr·g) / √(m[i] + 1e−8).
  ;; The clipped gradient is not written back.
  (func (export "adagrad") (param $theta i32) (param $g i32) (param $m i32) (param $n i32) (param $lr {T})
    (param $clip {T})
    (local $o i32) (local $end i32) (local $bytes i32)
    (local $vclip v128) (local $vneg v128) (local $vlr v128) (local $veps v128) (local $vg v128) (local $vm v128)
    (local $sg {T}) (local $sm {T})
    (local.set $vclip ({V}.splat (local.get $clip)))
    (local.set $vneg ({V}.splat ({T}.neg (local.get $clip))))
    (local.set $vlr ({V}.splat (local.get $lr)))
    (local.set $veps ({V}.splat ({T}.const 1e-8)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -{L})) (i32.const {S})))
    (local.set $bytes (i32.shl (local.get $n) (i32.const {S})))
    (block $vectors_done (loop $vectors
      (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
      ;; pmax/pmin: one instruction each; a NaN g stays NaN (pmax(NaN, c) and pmin(NaN, c) return the NaN)
      (local.set $vg ({V}.pmin ({V}.pmax (v128.load (i32.add (local.get $g) (local.get $o))) (local.get $vneg))
                               (local.get $vclip)))
      (local.set $vm ({V}.add (v128.load (i32.add (local.get $m) (local.get $o)))
                              ({V}.mul (local.get $vg) (local.get $vg))))
      (v128.store (i32.add (local.get $m) (local.get $o)) (local.get $vm))
      (v128.store (i32.add (local.get $theta) (local.get $o))
        ({V}.sub (v128.load (i32.add (local.get $theta) (local.get $o)))
          ({V}.div ({V}.mul (local.get $vlr) (local.get $vg))
                    ({V}.sqrt ({V}.add (local.get $vm) (local.get $veps))))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $vectors)))
    (block $singles_done (loop $singles
      (br_if $singles_done (i32.ge_u (local.get $o) (local.get $bytes)))
      (local.set $sg ({T}.min ({T}.max ({T}.load (i32.add (local.get $g) (local.get $o))) ({T}.neg (local.get $clip)))
                              (local.get $clip)))
      (local.set $sm ({T}.add ({T}.load (i32.add (local.get $m) (local.get $o)))
                              ({T}.mul (local.get $sg) (local.get $sg))))
      ({T}.store (i32.add (local.get $m) (local.get $o)) (local.get $sm))
      ({T}.store (i32.add (local.get $theta) (local.get $o))
        ({T}.sub ({T}.load (i32.add (local.get $theta) (local.get $o)))
          ({T}.div ({T}.mul (local.get $lr) (local.get $sg))
                    ({T}.sqrt ({T}.add (local.get $sm) ({T}.const 1e-8))))))
      (local.set $o (i32.add (local.get $o) (i32.const {B})))
      (br $singles)))
  )

  ;; Σ g[i]² and max |g[i]| over i < n, written as two f64 at out and out + 8 (f32 squares are summed in f64).
  ;; Two vectors a turn into two sums, so that the additions overlap; a NaN or ±∞ entry makes the sum NaN or ∞.
  (func (export "statistics") (param $g i32) (param $n i32) (param $out i32)
    (local $o i32) (local $end i32) (local $bytes i32) (local $v v128) (local $w v128)
    (local $sum v128) (local $sum2 v128) (local $max v128) (local $x f64) (local $total f64) (local $largest f64)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -{L2})) (i32.const {S})))
    (local.set $bytes (i32.shl (local.get $n) (i32.const {S})))
    (block $vectors_done (loop $vectors
      (br_if $vectors_done (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $v (v128.load (i32.add (local.get $g) (local.get $o))))
      (local.set $w (v128.load offset=16 (i32.add (local.get $g) (local.get $o))))
      ;; pmax (one instruction) may drop a NaN from the maximum, but never from the sum of squares
      (local.set $max ({V}.pmax (local.get $max) ({V}.pmax ({V}.abs (local.get $v)) ({V}.abs (local.get $w)))))
;; @if f64
      (local.set $sum (f64x2.add (local.get $sum) (f64x2.mul (local.get $v) (local.get $v))))
      (local.set $sum2 (f64x2.add (local.get $sum2) (f64x2.mul (local.get $w) (local.get $w))))
;; @end
;; @if f32
      (local.set $sum (f64x2.add (local.get $sum) (call $squares (local.get $v))))
      (local.set $sum2 (f64x2.add (local.get $sum2) (call $squares (local.get $w))))
;; @end
      (local.set $o (i32.add (local.get $o) (i32.const 32)))
      (br $vectors)))
    (local.set $sum (f64x2.add (local.get $sum) (local.get $sum2)))
    (local.set $total (f64.add (f64x2.extract_lane 0 (local.get $sum)) (f64x2.extract_lane 1 (local.get $sum))))
;; @if f64
    (local.set $largest (f64.max (f64x2.extract_lane 0 (local.get $max)) (f64x2.extract_lane 1 (local.get $max))))
;; @end
;; @if f32
    (local.set $largest (f64.promote_f32 (f32.max
      (f32.max (f32x4.extract_lane 0 (local.get $max)) (f32x4.extract_lane 1 (local.get $max)))
      (f32.max (f32x4.extract_lane 2 (local.get $max)) (f32x4.extract_lane 3 (local.get $max))))))
;; @end
    (block $singles_done (loop $singles
      (br_if $singles_done (i32.ge_u (local.get $o) (local.get $bytes)))
;; @if f64
      (local.set $x (f64.load (i32.add (local.get $g) (local.get $o))))
;; @end
;; @if f32
      (local.set $x (f64.promote_f32 (f32.load (i32.add (local.get $g) (local.get $o)))))
;; @end
      (local.set $total (f64.add (local.get $total) (f64.mul (local.get $x) (local.get $x))))
      (local.set $largest (f64.max (local.get $largest) (f64.abs (local.get $x))))
      (local.set $o (i32.add (local.get $o) (i32.const {B})))
      (br $singles)))
    (f64.store (local.get $out) (local.get $total))
    (f64.store offset=8 (local.get $out) (local.get $largest))
  )
;; @if f32

  ;; The squares of four f32 lanes, widened to f64 and added in pairs: (v0² + v2², v1² + v3²).
  (func $squares (param $v v128) (result v128)
    (local $lo v128) (local $hi v128)
    (local.set $lo (f64x2.promote_low_f32x4 (local.get $v)))
    (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
    (f64x2.add (f64x2.mul (local.get $lo) (local.get $lo)) (f64x2.mul (local.get $hi) (local.get $hi)))
  )
;; @end
)
