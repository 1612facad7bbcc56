// The soak pool's worker entry: worker threads start without tsx's loader, so register it here.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./soakWorker.ts');

export default worker.default;
