/**
 * The library API, for users' own test suites:
 *
 *   const report = await checkConformance('./my-server.ts', { seed: 1 });
 *   expect(report.verdict).not.toBe('fail');
 */
import path from 'node:path';
import { loadModule } from './adapters/loadModule.ts';
import { resolveFactory } from './adapters/resolveFactory.ts';
import { runConformance, type ConformanceOptions } from './check/runConformance.ts';
import type { ServiceFactory } from './check/service.ts';
import { jsonReport, type JsonReport } from './report/jsonReport.ts';

export type { ConformanceOptions } from './check/runConformance.ts';
export type { ServiceFactory, ServiceLike } from './check/service.ts';
export type { JsonReport, JsonProperty, JsonCounterexample } from './report/jsonReport.ts';
export { SyncService as ReferenceSyncService } from './reference/SyncService.ts';

/**
 * An implementation: a path to a module (as `sync-check` takes), a factory
 * function, or a class constructed with no arguments.
 */
export type Implementation = string | ServiceFactory | (new () => { onMessage(message: unknown): unknown });

/** Checks an implementation against every property; returns the same report as `sync-check --json`. */
export async function checkConformance(implementation: Implementation, options: ConformanceOptions = {}): Promise<JsonReport> {
  const factory = typeof implementation === 'string' ? await loadModule(implementation) : asFactory(implementation);
  const report = await runConformance(factory, options);
  const name = typeof implementation === 'string' ? path.resolve(implementation) : implementation.name || 'anonymous';
  return jsonReport(report, name);
}

function asFactory(implementation: Exclude<Implementation, string>): ServiceFactory {
  // A class is a function too: the resolver tells them apart by their prototype.
  return resolveFactory({ default: implementation, createSyncService: isClass(implementation) ? undefined : implementation }, 'the implementation');
}

function isClass(value: unknown): boolean {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}
