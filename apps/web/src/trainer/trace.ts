/** The engine's trace of one trial, for the replay. */
export { traceTrial } from '@sweetspot/engine';
