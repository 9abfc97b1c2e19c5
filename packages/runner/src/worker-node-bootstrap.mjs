// Worker threads on Node 20 cannot load TypeScript: register tsx, then load the real entry.
import { register } from 'tsx/esm/api';

register();
await import('./worker-node.ts');
