/**
 * Win rate of closed deals with a Beta posterior: a uniform Beta(1, 1) prior updated by the
 * wins and losses gives Beta(1 + wins, 1 + losses) (Gelman et al., Bayesian Data Analysis,
 * 3rd ed., 2013, §2.4). Open deals carry no outcome and are left out.
 */
import { betaQuantile } from './special.ts';

export interface WinRateFit {
  wins: number;
  losses: number;
  /** Posterior Beta(alpha, beta). */
  alpha: number;
  beta: number;
  /** Posterior mean (1 + wins) / (2 + wins + losses): the scenario's winRate. */
  mean: number;
  /** Observed share wins / (wins + losses); NaN with no closed deals. */
  observed: number;
  /** Equal-tailed credible interval at `level`. */
  lower: number;
  upper: number;
  level: number;
  /** wins + losses: the scenario's winRateUncertainty (evidence count). */
  evidence: number;
}

/** Fits the posterior of the win rate from closed-deal counts. */
export function fitWinRate(wins: number, losses: number, level = 0.9): WinRateFit {
  const alpha = 1 + wins;
  const beta = 1 + losses;
  const tail = (1 - level) / 2;
  return {
    wins,
    losses,
    alpha,
    beta,
    mean: alpha / (alpha + beta),
    observed: wins + losses > 0 ? wins / (wins + losses) : Number.NaN,
    lower: betaQuantile(tail, alpha, beta),
    upper: betaQuantile(1 - tail, alpha, beta),
    level,
    evidence: wins + losses,
  };
}
