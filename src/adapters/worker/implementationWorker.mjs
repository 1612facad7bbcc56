// The implementation worker's entry: worker threads start without tsx's loader, so register it here.
import { register } from 'tsx/esm/api';

register();
await import('./implementationWorker.ts');
