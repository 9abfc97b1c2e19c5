export * from './chunk.ts';
export * from './csv.ts';
export * from './diff.ts';
export * from './format.ts';
export * from './histogram.ts';
export * from './stat.ts';
export * from './summarize.ts';
export type * from './types.ts';
export * from './waterfall.ts';
