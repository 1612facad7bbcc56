// The soak pool's worker entry when running from sources (tsx, vitest): worker threads start
// without tsx's loader, so register it here. Compiled (dist/), soak.ts starts soakWorker.js directly.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./soakWorker.ts');

export default worker.default;
