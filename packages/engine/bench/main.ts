import { defaultScenario, formatEngineBench, runEngineBench } from './engine-bench.ts';

const reference = runEngineBench();
console.log(formatEngineBench(reference));
console.log(JSON.stringify({ bench: 'engine', ...reference }));
// The default scenario (8 reps, 52 warm-up weeks + 4 quarters): what a user runs first.
const usual = runEngineBench(600, 3, defaultScenario());
console.log(formatEngineBench(usual, 'default scenario: 8 reps × (52 warm-up + 52) weeks'));
console.log(JSON.stringify({ bench: 'engine-default', ...usual }));
