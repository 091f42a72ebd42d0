// prop(): a vitest test of a fast-check property; fc.assert reports the seed and the shrunk counterexample.

import fc from 'fast-check';
import { it } from 'vitest';

/**
 * `prop([arbitraries], parameters)(name, predicate)` registers a test asserting the property. It stands in
 * for @fast-check/vitest's `test.prop`, whose import alone costs seconds per test file here.
 */
export function prop<Ts extends [unknown, ...unknown[]]>(
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  parameters: fc.Parameters<[Ts]> = {},
): (name: string, predicate: (...args: Ts) => void) => void {
  return (name, predicate) => {
    it(name, () => {
      const all = fc.tuple(...(arbitraries as fc.Arbitrary<unknown>[])) as unknown as fc.Arbitrary<Ts>;
      fc.assert(
        fc.property(all, (args) => predicate(...args)),
        parameters,
      );
    });
  };
}
