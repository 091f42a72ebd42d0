// A cache of compiled contraction sets keyed by the model's shape (K, H, T): made on first use, LRU-bounded.

/** How many shapes a cache keeps before it forgets the least recently made one. */
const MAX_SHAPES = 64;

/**
 * Wraps `make` so that each shape (K, H, T) is compiled once; the {@link MAX_SHAPES} most recent shapes are kept.
 *
 * @example
 * const planFor = shapeCache((K, H, T) => ({ logits: compile('kh,th->tk', [[K, H], [T, H]]) }));
 * planFor(4, 3, 2) === planFor(4, 3, 2); // → true: compiled once
 */
export function shapeCache<Plan>(
  make: (K: number, H: number, T: number) => Plan,
): (K: number, H: number, T: number) => Plan {
  const plans = new Map<string, Plan>();
  return (K, H, T) => {
    const key = `${K},${H},${T}`;
    let plan = plans.get(key);
    if (plan === undefined) {
      plan = make(K, H, T);
      if (plans.size >= MAX_SHAPES) plans.delete(plans.keys().next().value as string); // the oldest shape
      plans.set(key, plan);
    }
    return plan;
  };
}
