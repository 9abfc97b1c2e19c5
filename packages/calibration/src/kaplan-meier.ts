/**
 * Kaplan–Meier product-limit estimator of a survival curve from right-censored times
 * (Kaplan & Meier, "Nonparametric estimation from incomplete observations", Journal of the
 * American Statistical Association 53:457–481, 1958). Here the event is a deal closing (won or
 * lost) and deals still open at the as-of date are censored at their age.
 */

export interface Observation {
  /** Time from start to the event or to censoring (≥ 0). */
  time: number;
  /** true: the event happened at `time`; false: still running at `time` (censored). */
  event: boolean;
}

export interface KaplanMeierCurve {
  /** Distinct event times, ascending. */
  times: number[];
  /** S(t) just after each event time. */
  survival: number[];
  atRisk: number[];
  events: number[];
  n: number;
  totalEvents: number;
  totalCensored: number;
  /** Largest time observed (event or censoring). */
  maxTime: number;
}

/**
 * Estimates S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ/nᵢ), where dᵢ deals close at tᵢ and nᵢ
 * are still open just before tᵢ. Censorings tied with events count as at risk (the usual
 * convention: censoring happens just after events at the same time).
 */
export function kaplanMeier(observations: readonly Observation[]): KaplanMeierCurve {
  const obs = observations
    .filter((o) => Number.isFinite(o.time) && o.time >= 0)
    .slice()
    .sort((a, b) => a.time - b.time || Number(b.event) - Number(a.event));
  const curve: KaplanMeierCurve = {
    times: [],
    survival: [],
    atRisk: [],
    events: [],
    n: obs.length,
    totalEvents: 0,
    totalCensored: 0,
    maxTime: obs.length > 0 ? (obs[obs.length - 1] as Observation).time : 0,
  };
  let atRisk = obs.length;
  let s = 1;
  let i = 0;
  while (i < obs.length) {
    const t = (obs[i] as Observation).time;
    let d = 0;
    let c = 0;
    while (i < obs.length && (obs[i] as Observation).time === t) {
      if ((obs[i] as Observation).event) d++;
      else c++;
      i++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      curve.times.push(t);
      curve.survival.push(s);
      curve.atRisk.push(atRisk);
      curve.events.push(d);
    }
    curve.totalEvents += d;
    curve.totalCensored += c;
    atRisk -= d + c;
  }
  return curve;
}

/**
 * The p-quantile of the time to event: the first event time where 1 − S(t) ≥ p. Undefined when
 * the curve never gets there (too much censoring: only a lower bound, `maxTime`, is known).
 */
export function kmQuantile(curve: KaplanMeierCurve, p: number): number | undefined {
  for (let i = 0; i < curve.times.length; i++) {
    if (1 - (curve.survival[i] as number) >= p - 1e-12) return curve.times[i];
  }
  return undefined;
}
