// Seeded benchmark operands (xorshift32, values in [-1, 1)) and their binary files for the numpy peer.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `length` pseudo-random values in [-1, 1) from a xorshift32 stream seeded by `seed`: every run of the
 * benchmark multiplies the same numbers.
 * @example randomValues(3, 1) // → Float64Array [-0.99…, …]
 */
export function randomValues(length, seed) {
  let state = seed | 1;
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values[i] = (state >>> 0) / 2 ** 31 - 1;
  }
  return values;
}

/**
 * The operands of a case as row-major Float64Arrays, each also written little-endian to `dir` for numpy. For
 * a float32 case the values are rounded to float32 first, so that every contender multiplies the same numbers.
 * @example caseOperands(SUITE[0], 3, '/tmp/x') // → [{ data, shape, path }, …]
 */
export function caseOperands(testCase, caseIndex, dir) {
  return testCase.shapes.map((shape, i) => {
    const values = randomValues(
      shape.reduce((n, d) => n * d, 1),
      1000 * (caseIndex + 1) + i,
    );
    const data = testCase.dtype === 'float32' ? values.map(Math.fround) : values;
    const path = join(dir, `case${caseIndex}-operand${i}.f64`);
    writeFileSync(path, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return { data, shape, path };
  });
}
