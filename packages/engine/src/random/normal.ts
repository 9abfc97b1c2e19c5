import type { Rng } from './rng.ts';

/**
 * Standard normal variates by the ziggurat method of G. Marsaglia and W. W. Tsang, "The Ziggurat
 * Method for Generating Random Variables", Journal of Statistical Software 5(8), 2000, with the
 * paper's 128 layers for f(x) = exp(-x²/2).
 *
 * The ziggurat covers the right half of f with 127 horizontal rectangles and a base strip (a
 * rectangle [0, r] × [0, f(r)] plus the tail beyond r), all of the same area v. A draw picks a
 * layer i and a signed uniform x across it; about 97% of draws fall in the part of the layer
 * that lies wholly under the curve and are returned after one table look-up and one multiply.
 * The rest are accepted or rejected against f exactly, or sampled from the tail.
 *
 * One departure from the paper's listing: its 32-bit integer supplies both the layer index (low 7
 * bits) and the uniform (all 32 bits), which correlates the two (J. A. Doornik, "An Improved
 * Ziggurat Method to Generate Normal Random Samples", 2005). Here the low 7 bits pick the layer and
 * the other 25 bits, as a signed half-integer j in (-2^24, 2^24), give the position, so the two
 * are independent and the positions are exactly symmetric about 0.
 */

/** Right edge r of the base rectangle, for 128 layers (Marsaglia & Tsang, Table 1 / zigset). */
const R = 3.442619855899;
/** Common area v of each layer, for 128 layers. */
const V = 9.91256303526217e-3;
/** |j| < 2^24: the scale of the position within a layer. */
const SCALE = 16777216;
const LAYERS = 128;

/** KN[i]: |j| below this lies under the curve in layer i (the paper's kn, scaled to 2^24). */
const KN = new Float64Array(LAYERS);
/** WN[i]: x = j · WN[i] (the paper's wn, the layer's right edge over 2^24). */
const WN = new Float64Array(LAYERS);
/** FN[i] = f(x_i), the height of the bottom of layer i (FN[0] = 1 is the top of layer 1). */
const FN = new Float64Array(LAYERS);

// The tables, computed once at module load as in the paper's zigset(). x_127 = r is the right
// edge of the widest rectangle above the base; each layer up has the same area v.
{
  let dn = R;
  let tn = R;
  const q = V / Math.exp(-0.5 * dn * dn); // width of the base strip seen as one rectangle
  KN[0] = (dn / q) * SCALE;
  KN[1] = 0;
  WN[0] = q / SCALE;
  WN[LAYERS - 1] = dn / SCALE;
  FN[0] = 1;
  FN[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = (dn / tn) * SCALE;
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / SCALE;
  }
}

/** A standard normal variate (mean 0, variance 1). Uses one 32-bit draw on the fast path. */
export function normal(rng: Rng): number {
  const u = rng.nextUint32() | 0;
  const i = u & 127;
  const j = (u >> 7) + 0.5;
  if (Math.abs(j) < (KN[i] as number)) return j * (WN[i] as number);
  return normalSlow(rng, i, j);
}

/** The paper's nfix(): exact test against f on the wedge, or a tail draw from the base strip. */
function normalSlow(rng: Rng, layer: number, position: number): number {
  let i = layer;
  let j = position;
  for (;;) {
    if (i === 0) return normalTail(rng, j < 0);
    const x = j * (WN[i] as number);
    const below = FN[i] as number;
    const above = FN[i - 1] as number;
    if (below + rng.next() * (above - below) < Math.exp(-0.5 * x * x)) return x;
    const u = rng.nextUint32() | 0;
    i = u & 127;
    j = (u >> 7) + 0.5;
    if (Math.abs(j) < (KN[i] as number)) return j * (WN[i] as number);
  }
}

/** The tail |Z| > r, by Marsaglia's method as in the paper: r + x with x from an exponential. */
function normalTail(rng: Rng, negative: boolean): number {
  let x: number;
  let y: number;
  do {
    x = -Math.log(rng.nextOpen()) / R;
    y = -Math.log(rng.nextOpen());
  } while (y + y < x * x);
  return negative ? -(R + x) : R + x;
}
