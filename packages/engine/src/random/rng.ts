/**
 * The engine's uniform random source: sfc32, seeded through splitmix32.
 *
 * sfc32 is Chris Doty-Humphrey's "Small Fast Chaotic" generator, 32-bit version, from the
 * PractRand test suite (https://pracrand.sourceforge.net/, src/RNGs/sfc.cpp). It has 128 bits of
 * state (three chaotic words and a counter), passes PractRand to at least 32 TB, has a period of
 * at least 2^32 (the counter) and about 2^127 on average, and needs only adds, shifts and xors, so
 * it is exact and fast in JavaScript's int32 arithmetic.
 *
 * Hot-path rules followed here and by every sampler in this folder: the state lives in number
 * fields of one object, a draw allocates nothing, creates no closure and never calls
 * `Math.random`. Reseeding an existing generator (`reseed`) allocates nothing either.
 */

/** 2^-32: scales a uint32 to [0, 1). */
const TWO_POW_M32 = 2.3283064365386963e-10;
/** 2^32, to split a seed into its low and high 32-bit words. */
const TWO_POW_32 = 4294967296;
/** The golden-ratio Weyl increment of splitmix32, floor(2^32 / φ) (odd). */
const GOLDEN_GAMMA = 0x9e3779b9;
/** Domain separator for `trialSeed`, so trial seeds are not the words `reseed` derives. */
const TRIAL_DOMAIN = 0x6a09e667;

/** Outputs of sfc32 discarded after seeding, as `sfc32::seed(Uint64)` does in PractRand. */
const WARM_UP = 12;

/**
 * One step of splitmix32, stateless: returns the output that a splitmix32 generator in state
 * `x` produces (it adds the golden gamma to the state, then mixes). The sequence of a generator
 * seeded with s is therefore splitmix32(s), splitmix32(s + γ), splitmix32(s + 2γ), ... with
 * γ = 0x9e3779b9. `x` is taken modulo 2^32; the result is an unsigned 32-bit integer.
 *
 * As a function of `x` this is a bijection of the 32-bit integers with good avalanche (each
 * input bit flips each output bit with probability close to 1/2), which is what makes it a good
 * seed scrambler.
 *
 * SplitMix is by G. L. Steele Jr., D. Lea and C. H. Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014. Its 64-bit mixer does not fit in 32-bit arithmetic; the 32-bit
 * variant used here keeps the Weyl sequence and replaces the mixer by the two-multiply
 * xorshift-multiply finalizer (shifts 16/15/15, multipliers 0x21f0aaad and 0x735a2d97) found by
 * Chris Wellons' hash-prospector, as in the widely used JavaScript `splitmix32`.
 */
export function splitmix32(x: number): number {
  let z = ((x | 0) + GOLDEN_GAMMA) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** Low 32 bits of an integer-valued number (two's complement, so negatives work). */
function low32(x: number): number {
  return x >>> 0;
}

/** High 32 bits of an integer-valued number: floor(x / 2^32) as an int32 (exact for safe ints). */
function high32(x: number): number {
  return Math.floor(x / TWO_POW_32) | 0;
}

/**
 * An independent 32-bit seed (unsigned) for trial number `trial` of a scenario seeded with
 * `seed`. The engine seeds each trial's world from `trialSeed(seed, trial)` alone, so a trial's
 * draws do not depend on which chunk or worker runs it, nor on the trials before it.
 *
 * Both arguments may be any safe integer, negative or above 2^32: the high words are folded in,
 * so `seed` and `seed + 2^32` give unrelated seeds. For a fixed `seed` the map from `trial` to
 * seed is injective over any run of 2^32 consecutive trial numbers (the last step is a bijection
 * of the trial's low word), so no two trials of one run share a world.
 */
export function trialSeed(seed: number, trial: number): number {
  let h = splitmix32(low32(seed) ^ TRIAL_DOMAIN);
  h = splitmix32(h ^ high32(seed));
  h = splitmix32(h ^ high32(trial));
  return splitmix32(h ^ low32(trial));
}

/**
 * sfc32 with splitmix32 seeding. `new Rng(seed, stream)` and `rng.reseed(seed, stream)` give the
 * same sequence; distinct (seed, stream) pairs give distinct initial states.
 */
export class Rng {
  // The four int32 words of sfc32: a, b, c and the counter d.
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /**
   * @param seed any safe integer (negative and > 2^32 allowed; a fraction is truncated).
   * @param stream any safe integer selecting an independent stream for the same seed.
   */
  constructor(seed: number, stream = 0) {
    this.reseed(seed, stream);
  }

  /**
   * Re-initialises this generator in place, without allocating: the seed's and the stream's low
   * and high words are chained through splitmix32 to fill the four state words, then the first
   * 12 outputs are discarded. Each step is a bijection of the word it folds in, so the map from
   * (seed, stream) to state is injective.
   */
  reseed(seed: number, stream: number): void {
    const a = splitmix32(low32(seed));
    const b = splitmix32(a ^ high32(seed));
    const c = splitmix32(b ^ low32(stream));
    const d = splitmix32(c ^ high32(stream));
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    for (let i = 0; i < WARM_UP; i++) this.nextUint32();
  }

  /** The next raw output: an integer in [0, 2^32). */
  nextUint32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A double in [0, 1) on the grid k / 2^32. */
  next(): number {
    return this.nextUint32() * TWO_POW_M32;
  }

  /** A double in (0, 1) on the grid (k + 1/2) / 2^32: never 0 nor 1, safe for `Math.log`. */
  nextOpen(): number {
    return (this.nextUint32() + 0.5) * TWO_POW_M32;
  }
}
