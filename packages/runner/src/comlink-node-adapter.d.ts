// comlink ships types for its Node adapter as `node-adapter.d.ts`, which TypeScript does not
// pick up for the `.mjs` path that Node and bundlers load.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
