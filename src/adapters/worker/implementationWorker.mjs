// The implementation worker's entry when running from sources (tsx, vitest): worker threads start without
// tsx's loader, so register it here. Compiled (dist/), ImplementationThread starts implementationWorker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./implementationWorker.ts');
