// Random: the seeded PRNG of @rnn/core (sfc32 seeded by splitmix32), the package's only source of randomness.

import { RnnError } from './errors.js';

const TWO_POW_32 = 4294967296;
/** Outputs discarded after seeding, so that nearby seeds decorrelate. */
const WARM_UP = 12;

/**
 * A small, fast, seeded pseudo-random generator whose whole state is four 32-bit numbers, so that a checkpoint
 * can store it and a run can be replayed exactly.
 *
 * The generator is sfc32 ("small fast chaotic", from Chris Doty-Humphrey's PractRand suite): 128 bits of state,
 * one of them a counter, so every stream has a period of at least 2^32; an output costs a few integer operations.
 * Its state is filled by splitmix32 from the seed, whose low and high 32 bits both count, and the first 12
 * outputs are discarded so that nearby seeds give unrelated streams. It is not cryptographic.
 *
 * @example
 * ```ts
 * const random = new Random(42);
 * random.next();          // 0.23955312807799112, a float in [0, 1)
 * random.integer(6);      // an integer in [0, 6)
 * const copy = Random.fromState(random.state());
 * copy.next() === random.next(); // true
 * ```
 */
export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /** @param seed a safe integer (negative allowed); equal seeds give equal streams */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new RnnError('bad-argument', `Random: seed must be a safe integer, got ${String(seed)}`);
    }
    let mix = (seed >>> 0) ^ Math.imul(Math.floor(seed / TWO_POW_32) >>> 0, 0x9e3779b1);
    const splitmix32 = (): number => {
      mix = (mix + 0x9e3779b9) | 0;
      let z = mix;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix32();
    this.b = splitmix32();
    this.c = splitmix32();
    this.d = splitmix32();
    for (let i = 0; i < WARM_UP; i++) this.nextUint32();
  }

  /**
   * The next raw 32-bit output of sfc32, an integer in [0, 2^32).
   *
   * @example
   * ```ts
   * new Random(1).nextUint32(); // 1828152527
   * ```
   */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /**
   * A float uniform in [0, 1) with 53 random bits (two 32-bit outputs: 27 high bits and 26 low bits).
   *
   * @example
   * ```ts
   * const u = new Random(7).next(); // 0 <= u < 1
   * ```
   */
  next(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /**
   * A float uniform in [lo, hi).
   *
   * @example
   * ```ts
   * new Random(7).uniform(-0.1, 0.1); // a float in [-0.1, 0.1)
   * ```
   */
  uniform(lo: number, hi: number): number {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
      throw new RnnError('bad-argument', `Random.uniform: need finite lo <= hi, got lo=${lo}, hi=${hi}`);
    }
    return lo + (hi - lo) * this.next();
  }

  /**
   * An integer uniform in [0, n), as ⌊n · next()⌋; for n ≤ 2^32 its bias is below n / 2^53 (negligible).
   *
   * @example
   * ```ts
   * new Random(7).integer(10); // one of 0 … 9
   * ```
   */
  integer(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= TWO_POW_32)) {
      throw new RnnError(
        'bad-argument',
        `Random.integer: n must be an integer in [1, 2^32], got ${String(n)}`,
      );
    }
    return Math.floor(n * this.next());
  }

  /**
   * The whole generator state as four integers in [0, 2^32), for checkpoints; see {@link Random.fromState}.
   *
   * @example
   * ```ts
   * new Random(3).state(); // [a, b, c, d], four integers in [0, 4294967296)
   * ```
   */
  state(): number[] {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }

  /**
   * A generator that continues exactly where the one that produced `state` stood.
   *
   * @example
   * ```ts
   * const random = new Random(3);
   * const copy = Random.fromState(random.state());
   * copy.next() === random.next(); // true
   * ```
   */
  static fromState(state: readonly number[]): Random {
    if (
      state.length !== 4 ||
      !state.every((word) => Number.isInteger(word) && word >= 0 && word < TWO_POW_32)
    ) {
      throw new RnnError(
        'bad-argument',
        `Random.fromState: need four integers in [0, 2^32), got [${state.map(String).join(', ')}]`,
      );
    }
    const random = new Random(0);
    random.a = state[0] as number;
    random.b = state[1] as number;
    random.c = state[2] as number;
    random.d = state[3] as number;
    return random;
  }
}
