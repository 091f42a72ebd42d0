;; The WebAssembly SIMD peak of this machine: a register-only loop of independent mul+add chains, no memory.
;; Each of 12 chains computes c = c·m + a per iteration (one vector multiply and one add, dependent, so a
;; chain issues one pair per latency of both); 12 chains cover the latency of both units' pipelines. m and a
;; come at run time (1 and 0 in the bench, so the values stay put); the sum of the chains is returned so
;; that nothing is dead code. Built by the bench with einsum-wat; one module per element type.
;; @variant f64 T=f64 V=f64x2
;; @variant f32 T=f32 V=f32x4
(module
  (func $peak (export "peak") (param $iterations i32) (param $m {T}) (param $a {T}) (result {T})
    (local $mv v128) (local $av v128) (local $i i32)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128) (local $c8 v128) (local $c9 v128) (local $c10 v128) (local $c11 v128)
    (local.set $mv ({V}.splat (local.get $m)))
    (local.set $av ({V}.splat (local.get $a)))
    (local.set $c0 ({V}.splat ({T}.const 1)))
    (local.set $c1 ({V}.splat ({T}.const 2)))
    (local.set $c2 ({V}.splat ({T}.const 3)))
    (local.set $c3 ({V}.splat ({T}.const 4)))
    (local.set $c4 ({V}.splat ({T}.const 5)))
    (local.set $c5 ({V}.splat ({T}.const 6)))
    (local.set $c6 ({V}.splat ({T}.const 7)))
    (local.set $c7 ({V}.splat ({T}.const 8)))
    (local.set $c8 ({V}.splat ({T}.const 9)))
    (local.set $c9 ({V}.splat ({T}.const 10)))
    (local.set $c10 ({V}.splat ({T}.const 11)))
    (local.set $c11 ({V}.splat ({T}.const 12)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $iterations)))
      (local.set $c0 ({V}.add ({V}.mul (local.get $c0) (local.get $mv)) (local.get $av)))
      (local.set $c1 ({V}.add ({V}.mul (local.get $c1) (local.get $mv)) (local.get $av)))
      (local.set $c2 ({V}.add ({V}.mul (local.get $c2) (local.get $mv)) (local.get $av)))
      (local.set $c3 ({V}.add ({V}.mul (local.get $c3) (local.get $mv)) (local.get $av)))
      (local.set $c4 ({V}.add ({V}.mul (local.get $c4) (local.get $mv)) (local.get $av)))
      (local.set $c5 ({V}.add ({V}.mul (local.get $c5) (local.get $mv)) (local.get $av)))
      (local.set $c6 ({V}.add ({V}.mul (local.get $c6) (local.get $mv)) (local.get $av)))
      (local.set $c7 ({V}.add ({V}.mul (local.get $c7) (local.get $mv)) (local.get $av)))
      (local.set $c8 ({V}.add ({V}.mul (local.get $c8) (local.get $mv)) (local.get $av)))
      (local.set $c9 ({V}.add ({V}.mul (local.get $c9) (local.get $mv)) (local.get $av)))
      (local.set $c10 ({V}.add ({V}.mul (local.get $c10) (local.get $mv)) (local.get $av)))
      (local.set $c11 ({V}.add ({V}.mul (local.get $c11) (local.get $mv)) (local.get $av)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    ({V}.extract_lane 0 ({V}.add ({V}.add ({V}.add ({V}.add ({V}.add ({V}.add ({V}.add ({V}.add ({V}.add ({V}.add ({V}.add (local.get $c0) (local.get $c1)) (local.get $c2)) (local.get $c3)) (local.get $c4)) (local.get $c5)) (local.get $c6)) (local.get $c7)) (local.get $c8)) (local.get $c9)) (local.get $c10)) (local.get $c11)))
  )
)
