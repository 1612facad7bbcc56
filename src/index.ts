/**
 * The library API, for users' own test suites:
 *
 *   const report = await checkConformance('./my-server.ts', { seed: 1 });
 *   expect(report.verdict).not.toBe('fail');
 *
 * The target is a path (`.ts/.mts/.cts/.js/.mjs/.cjs`, run in a worker thread,
 * or `.py`, run through the bundled Python adapter), `{ command: '...' }` (any
 * program over the stdio wire protocol), a class or a factory. The worker or
 * process is always stopped when the check ends; pass `signal` to abort it.
 * For vitest, `sync-protocol-check/vitest` registers one test per property.
 */
export { checkConformance } from './api/checkConformance.ts';
export type { CheckOptions } from './api/CheckOptions.ts';
export type { CommandTarget, ConformanceTarget, ServiceClass } from './api/ConformanceTarget.ts';
export { LoadError } from './adapters/loadModule.ts';
export type { Status } from './conformance/ConformanceReport.ts';
export type { ConformanceOptions } from './conformance/runConformance.ts';
export type { ServiceFactory, ServiceLike } from './check/service.ts';
export type { JsonReport, JsonProperty, JsonCounterexample } from './report/jsonReport.ts';
export type { NetworkMode } from '../model/index.ts';
export type { Level, PropertyId } from '../properties/index.ts';
export { SyncService as ReferenceSyncService } from './reference/SyncService.ts';

/** The target's former name. */
export type { ConformanceTarget as Implementation } from './api/ConformanceTarget.ts';
