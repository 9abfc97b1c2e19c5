import { formatEngineBench, runEngineBench } from './engine-bench.ts';

const result = runEngineBench();
console.log(formatEngineBench(result));
console.log(JSON.stringify({ bench: 'engine', ...result }));
