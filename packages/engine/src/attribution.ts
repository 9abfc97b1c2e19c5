/**
 * Splitting the A − B gap among the rule groups in which A and B differ (docs/model.md §11).
 *
 * With G groups, the strategy of subset S (a bit mask: bit g set = group g follows A's rules,
 * the others B's) is played on the trial's world, so v(S) is its result in that same world
 * (common random numbers); v(all) = A and v(∅) = B. Group g's share is its Shapley value
 * (Shapley 1953, "A value for n-person games"):
 *
 *     φ_g = Σ over S ∌ g of |S|! (G − |S| − 1)! / G! · (v(S ∪ {g}) − v(S)),
 *
 * the average, over every order in which the groups could be switched from B's rules to A's,
 * of what switching g adds. The φ_g add up to v(all) − v(∅) (efficiency), and no order is
 * privileged.
 */

/** n! for the small n used here (at most a handful of groups). */
function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Number of set bits of a small mask. */
function bits(mask: number): number {
  let k = 0;
  for (let m = mask; m !== 0; m &= m - 1) k++;
  return k;
}

/**
 * Shapley weights |S|!(G − |S| − 1)!/G!, indexed by |S| (0 … G − 1), for G groups.
 */
export function shapleyWeights(groups: number): Float64Array {
  const w = new Float64Array(groups);
  const total = factorial(groups);
  for (let s = 0; s < groups; s++) w[s] = (factorial(s) * factorial(groups - s - 1)) / total;
  return w;
}

/**
 * Shapley values of G groups from the values of all 2^G subsets (`value[mask]`), into `out`
 * (length G). Exact in real arithmetic: Σ out = value[2^G − 1] − value[0].
 */
export function shapleyValues(
  value: ArrayLike<number>,
  groups: number,
  weights: Float64Array,
  out: Float64Array,
): void {
  const full = (1 << groups) - 1;
  for (let g = 0; g < groups; g++) {
    const bit = 1 << g;
    let phi = 0;
    for (let mask = 0; mask <= full; mask++) {
      if ((mask & bit) !== 0) continue;
      const gain = (value[mask | bit] as number) - (value[mask] as number);
      phi += (weights[bits(mask)] as number) * gain;
    }
    out[g] = phi;
  }
}

/**
 * Rounds `parts` to whole units in place so that they add up to exactly `Math.round(total)`:
 * each part is rounded down, then the units still missing (or in excess) go to the parts with
 * the largest (smallest) remainders — the largest-remainder method (Hamilton's apportionment).
 * The rounded parts differ from the real ones by less than one unit each.
 */
export function roundToTotal(parts: Float64Array, total: number, order: Int32Array): void {
  const n = parts.length;
  if (n === 0) return;
  const target = Math.round(total);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    sum += Math.floor(parts[i] as number);
  }
  let missing = target - sum;
  // Remainders, largest first (n is tiny: an insertion sort).
  const rem = (i: number) => (parts[i] as number) - Math.floor(parts[i] as number);
  for (let i = 1; i < n; i++) {
    const k = order[i] as number;
    let j = i - 1;
    while (j >= 0 && rem(order[j] as number) < rem(k)) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = k;
  }
  for (let i = 0; i < n; i++) parts[i] = Math.floor(parts[i] as number);
  // Float error can leave `missing` outside [0, n]: go round as many times as needed.
  for (let i = 0; missing > 0; i = (i + 1) % n, missing--) {
    const k = order[i] as number;
    parts[k] = (parts[k] as number) + 1;
  }
  for (let i = n - 1; missing < 0; i = (i + n - 1) % n, missing++) {
    const k = order[i] as number;
    parts[k] = (parts[k] as number) - 1;
  }
}
