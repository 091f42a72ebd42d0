;; exp and tanh on vectors for elementwise.wat (included by it); the method and its accuracy are in elementwise.wat's
;; header, the template variables ({T}, {V}, …) in its @variant lines.

  ;; e^r − 1 for |r| ≤ ln2/2: r·(c1 + c2·r + … ), c_k = 1/k!, in Estrin's order (pairs, then pairs of pairs), so that
  ;; the dependent chain is a few multiplications long instead of one per term.
  (func $em1 (param $r v128) (result v128)
    (local $r2 v128) (local $r4 v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $r2 ({V}.mul (local.get $r) (local.get $r)))
    (local.set $r4 ({V}.mul (local.get $r2) (local.get $r2)))
    (local.set $a0 ({V}.add ({V}.splat ({T}.const 1)) ({V}.mul (local.get $r) ({V}.splat ({T}.const 0.5)))))
    (local.set $a1 ({V}.add ({V}.splat ({T}.const 0.16666666666666666))
                            ({V}.mul (local.get $r) ({V}.splat ({T}.const 0.041666666666666664)))))
    (local.set $a2 ({V}.add ({V}.splat ({T}.const 0.008333333333333333))
                            ({V}.mul (local.get $r) ({V}.splat ({T}.const 0.001388888888888889)))))
    (local.set $a3 ({V}.add ({V}.splat ({T}.const 0.0001984126984126984))
                            ({V}.mul (local.get $r) ({V}.splat ({T}.const 2.48015873015873e-05)))))
;; @if f64
    ;; terms 9 … 13
    (local.set $a2 ({V}.add (local.get $a2) ({V}.mul (local.get $r2) (local.get $a3))))
    (local.set $a3 ({V}.add
      ({V}.add ({V}.splat ({T}.const 2.7557319223985893e-06))
               ({V}.mul (local.get $r) ({V}.splat ({T}.const 2.755731922398589e-07))))
      ({V}.mul (local.get $r2)
        ({V}.add
          ({V}.add ({V}.splat ({T}.const 2.505210838544172e-08))
                   ({V}.mul (local.get $r) ({V}.splat ({T}.const 2.08767569878681e-09))))
          ({V}.mul (local.get $r2) ({V}.splat ({T}.const 1.6059043836821613e-10)))))))
    (local.set $a0 ({V}.add (local.get $a0) ({V}.mul (local.get $r2) (local.get $a1))))
    (local.set $a2 ({V}.add (local.get $a2) ({V}.mul (local.get $r4) (local.get $a3))))
    ({V}.mul (local.get $r) ({V}.add (local.get $a0) ({V}.mul (local.get $r4) (local.get $a2))))
;; @end
;; @if f32
    ;; terms 1 … 8 (the eighth, 1/8!, is below f32's rounding on |r| ≤ ln2/2 but costs nothing in this order)
    (local.set $a0 ({V}.add (local.get $a0) ({V}.mul (local.get $r2) (local.get $a1))))
    (local.set $a2 ({V}.add (local.get $a2) ({V}.mul (local.get $r2) (local.get $a3))))
    ({V}.mul (local.get $r) ({V}.add (local.get $a0) ({V}.mul (local.get $r4) (local.get $a2))))
;; @end
  )

  ;; x = n·ln2 + r with n = round(x / ln2) (ties to even) and |r| ≤ ln2/2; returns r and 2^n. n is rounded by
  ;; adding 1.5·2^MANT, which leaves n in the low bits of the sum; adding the exponent bias to those bits and
  ;; shifting them into the exponent field makes 2^n (n in the normal range, as the callers' clamps ensure).
  ;; ln2 is split in two (Cody and Waite): n·ln2_hi is exact, so r loses nothing to cancellation.
  (func $reduce (param $x v128) (result v128 v128)
    (local $t v128) (local $n v128)
    (local.set $t ({V}.add ({V}.mul (local.get $x) ({V}.splat ({T}.const 1.4426950408889634))) ({V}.splat ({T}.const {MAGIC}))))
    (local.set $n ({V}.sub (local.get $t) ({V}.splat ({T}.const {MAGIC}))))
;; @if f64
    (local.set $x ({V}.sub (local.get $x) ({V}.mul (local.get $n) ({V}.splat ({T}.const 0.6931471803691238)))))
    (local.set $x ({V}.sub (local.get $x) ({V}.mul (local.get $n) ({V}.splat ({T}.const 1.9082149292705877e-10)))))
;; @end
;; @if f32
    (local.set $x ({V}.sub (local.get $x) ({V}.mul (local.get $n) ({V}.splat ({T}.const 0.693145751953125)))))
    (local.set $x ({V}.sub (local.get $x) ({V}.mul (local.get $n) ({V}.splat ({T}.const 1.428606765330187e-06)))))
;; @end
    (local.get $x)
    ({I}.shl ({I}.add (local.get $t) ({I}.splat ({IT}.const {BIAS}))) (i32.const {MANT}))
  )

  ;; e^x lane by lane (the second result of $reduce is 2^n); below EXP_LOW it returns e^EXP_LOW (about 1e-308 or 1e-38), which a softmax sum ≥ 1 ignores.
  (func $exp (param $x v128) (result v128)
    (local $n v128)
    (call $reduce ({V}.pmax (local.get $x) ({V}.splat ({T}.const {EXP_LOW}))))
    (local.set $n)
    (local.set $x)
    ({V}.mul ({V}.add (call $em1 (local.get $x)) ({V}.splat ({T}.const 1))) (local.get $n))
  )

  ;; tanh x lane by lane: u = e^(−2|x|) − 1 = 2^n·(e^r − 1) + (2^n − 1), tanh|x| = −u / (u + 2), sign of x.
  (func $tanh (param $x v128) (result v128)
    (local $r v128) (local $s v128) (local $u v128)
    (call $reduce ({V}.pmax ({V}.mul ({V}.abs (local.get $x)) ({V}.splat ({T}.const -2))) ({V}.splat ({T}.const {TANH_LOW}))))
    (local.set $s)
    (local.set $r)
    (local.set $u ({V}.add ({V}.mul (local.get $s) (call $em1 (local.get $r))) ({V}.sub (local.get $s) ({V}.splat ({T}.const 1)))))
    ;; |…| first: at x = ±0, −u is −0, and the sign must be x's
    (v128.or
      ({V}.abs ({V}.div ({V}.neg (local.get $u)) ({V}.add (local.get $u) ({V}.splat ({T}.const 2)))))
      (v128.and (local.get $x) ({V}.splat ({T}.const -0))))
  )
