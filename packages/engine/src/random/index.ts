export { beta } from './beta.ts';
export { gamma } from './gamma.ts';
export { lognormal, lognormalMean, lognormalParams, lognormalVariance } from './lognormal.ts';
export { normal } from './normal.ts';
export { logFactorial, poisson } from './poisson.ts';
export { Rng, splitmix32, trialSeed } from './rng.ts';
