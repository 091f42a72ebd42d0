// Dropping the options a user did not give, so that a library's defaults (or a checkpoint's values) apply.

/**
 * The object without its undefined fields.
 * @example definedOnly({ hiddenSize: 64, seed: undefined }) // { hiddenSize: 64 }
 */
export function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}
