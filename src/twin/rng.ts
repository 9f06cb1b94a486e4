// Seeded random numbers for one simulation run, split into independent streams by key.
// Input: an integer seed (the run's `seed`) and, per consumer, a stable string key such as
// "pe.xb/program" or "stimulus/poisson/3". Output: a Stream per key with uniform, normal,
// exponential-interval and integer draws.
// Invariants:
// - A stream's numbers depend only on (seed, key): creating other streams, in any order, or
//   drawing from them never changes them. Adding a probe or an instance cannot shift another
//   instance's randomness.
// - Deterministic across runs and platforms: the state is derived with exact 64-bit integer
//   arithmetic (BigInt, once per stream), draws use 32-bit integer ops and IEEE-754 doubles;
//   normal() uses Math.log and Math.sqrt only (sqrt is correctly rounded; V8's Math.log is
//   a port of fdlibm, bit-identical on every platform).
// - No allocation per draw: the hot methods touch only numeric fields.
// - `stream(key)` returns a fresh stream positioned at the start of the key's sequence each
//   time it is called: two consumers that share a key get identical numbers, so keys must
//   be unique per consumer (use the instance path plus a purpose).
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const MASK64 = (1n << 64n) - 1n;
const TWO_POW_32 = 4294967296;
const TWO_POW_53_INV = 1 / 9007199254740992; // 2^-53
const TWO_POW_26 = 67108864;

/** One independent sequence of random numbers. */
export interface Stream {
  /** The key this stream was derived from. */
  readonly key: string;
  /** Uniform in [0, 1): a multiple of 2^-53 built from the high bits of two outputs. */
  uniform(): number;
  /** Standard normal N(0, 1), exact (Box-Muller, Marsaglia's polar form; pairs are cached). */
  normal(): number;
  /**
   * Time to the next event of a Poisson process of `rate` events per second: exponential with
   * mean 1/rate, -ln(1 - u)/rate with u = uniform() (so 0 <= result < Infinity).
   * rate = 0 gives Infinity (no event ever); a negative or NaN rate is a RangeError.
   */
  poissonInterval(rate: number): number;
  /** Uniform integer in {0, ..., n-1}; n an integer in [1, 2^32]. Bias at most n * 2^-53. */
  int(n: number): number;
}

/** The run's generator: a seed and a way to derive keyed streams. */
export interface Rng {
  readonly seed: number;
  /** A new stream for `key`, starting at the first number of that key's sequence. */
  stream(key: string): Stream;
}

/** SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mixer. */
function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

const GOLDEN64 = 0x9e3779b97f4a7c15n;

/** FNV-1a, 64 bits, over the key's UTF-8 bytes: a stable hash independent of the platform. */
function hashKey(key: string): bigint {
  const bytes = new TextEncoder().encode(key);
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < bytes.length; i++) {
    h ^= BigInt(bytes[i]!);
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h;
}

/** Signed 32-bit integer (as pure-rand stores its state) from the low 32 bits of x. */
function i32(x: bigint): number {
  return Number(BigInt.asIntN(32, x));
}

/**
 * The 128-bit xoroshiro128+ state for (seed, key): a SplitMix64 sequence started at
 * mix64(seed) XOR mix64(hash(key)); its first two outputs are the two state words.
 * Exported for tests and for anyone who must reproduce a stream elsewhere.
 */
export function streamState(seed: number, key: string): [number, number, number, number] {
  const s = BigInt.asUintN(64, BigInt(seed));
  let x = (mix64((s + GOLDEN64) & MASK64) ^ mix64(hashKey(key))) & MASK64;
  x = (x + GOLDEN64) & MASK64;
  let w0 = mix64(x);
  x = (x + GOLDEN64) & MASK64;
  let w1 = mix64(x);
  if (w0 === 0n && w1 === 0n) w1 = GOLDEN64; // the all-zero state is the one forbidden state
  // pure-rand's layout: [s0 high, s0 low, s1 high, s1 low]; the output is the low 32 bits of s0 + s1.
  return [i32(w0 >> 32n), i32(w0), i32(w1 >> 32n), i32(w1)];
}

class KeyedStream implements Stream {
  private hasSpare = false;
  private spare = 0;
  constructor(readonly key: string, private readonly gen: RandomGenerator) {}

  uniform(): number {
    // The high bits of xoroshiro128+ are its best: 27 + 26 bits, as in genrand_res53.
    const a = this.gen.next() >>> 5;
    const b = this.gen.next() >>> 6;
    return (a * TWO_POW_26 + b) * TWO_POW_53_INV;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  poissonInterval(rate: number): number {
    if (!(rate >= 0)) throw new RangeError(`poissonInterval: rate must be >= 0, not ${rate}`);
    if (rate === 0) return Infinity;
    return -Math.log(1 - this.uniform()) / rate;
  }

  int(n: number): number {
    if (!(n >= 1 && n <= TWO_POW_32 && Math.floor(n) === n)) {
      throw new RangeError(`int: n must be an integer in [1, 2^32], not ${n}`);
    }
    return Math.floor(this.uniform() * n);
  }
}

/** The run's generator. `seed` must be a safe integer (negative seeds are taken mod 2^64). */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`createRng: seed must be a safe integer, not ${seed}`);
  return {
    seed,
    stream(key: string): Stream {
      return new KeyedStream(key, xoroshiro128plusFromState(streamState(seed, key)));
    },
  };
}
