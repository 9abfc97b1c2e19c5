import { describe, expect, it } from 'vitest';
import {
  betaCdf,
  betaQuantile,
  lnGamma,
  logUpperTail,
  normalCdf,
  normalQuantile,
} from './special.ts';

describe('special functions', () => {
  it('lnGamma matches factorials and Γ(½) = √π', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(lnGamma(101)).toBeCloseTo(363.73937555556347, 8);
  });

  it('normal CDF and quantile agree with tables and invert each other', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 12);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
    for (const p of [1e-10, 0.001, 0.3, 0.5, 0.77, 0.999])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
  });

  it('Beta CDF and quantile: closed forms for Beta(1,1) and Beta(2,1)', () => {
    expect(betaCdf(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(betaCdf(0.5, 2, 1)).toBeCloseTo(0.25, 12);
    expect(betaQuantile(0.05, 1, 1)).toBeCloseTo(0.05, 10);
    expect(betaQuantile(0.25, 2, 1)).toBeCloseTo(0.5, 10);
    // Symmetric: the median of Beta(a, a) is ½.
    expect(betaQuantile(0.5, 4000, 4000)).toBeCloseTo(0.5, 10);
  });

  it('Beta quantiles of large posteriors are close to the normal approximation', () => {
    const a = 4239;
    const b = 2474;
    const mean = a / (a + b);
    const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    expect(betaQuantile(0.05, a, b)).toBeCloseTo(mean - 1.6448536269514722 * sd, 3);
    expect(betaQuantile(0.95, a, b)).toBeCloseTo(mean + 1.6448536269514722 * sd, 3);
  });
});

describe('logUpperTail', () => {
  it('is ln(1 − Φ(z)) where Φ is accurate, continuous at 3, and finite far out', () => {
    for (const z of [-3, -1, 0, 1, 2, 2.9])
      expect(logUpperTail(z)).toBeCloseTo(Math.log(1 - normalCdf(z)), 10);
    // Q(3) = 0.0013498980316300933 (Abramowitz & Stegun table 26.1).
    expect(Math.exp(logUpperTail(3))).toBeCloseTo(0.0013498980316300933, 14);
    expect(Math.exp(logUpperTail(3 - 1e-9))).toBeCloseTo(Math.exp(logUpperTail(3)), 10);
    // Q(10) = 7.619853024160527e-24; Q(40) underflows a double but its log does not.
    expect(Math.exp(logUpperTail(10)) / 7.619853024160527e-24).toBeCloseTo(1, 10);
    expect(logUpperTail(40)).toBeCloseTo(-800 - 0.5 * Math.log(2 * Math.PI) - Math.log(40.025), 2);
  });
});
