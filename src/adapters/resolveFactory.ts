/** Finds the server factory in a loaded module (PROTOCOL.md section 7). */
import type { ServiceFactory, ServiceLike } from '../check/service.ts';

/** Raised when a module exports nothing the checker can use; the message is one line for the user. */
export class NoServiceExport extends Error {}

type Exports = Readonly<Record<string, unknown>>;

/**
 * The factory a module offers: `createSyncService()`, or a class `SyncService`
 * (named or default), or a default export that is itself an object with either.
 */
export function resolveFactory(moduleExports: Exports, where: string): ServiceFactory {
  const candidates: Exports[] = [moduleExports];
  const fallback = moduleExports.default;
  if (typeof fallback === 'object' && fallback !== null) candidates.push(fallback as Exports);
  for (const exports of candidates) {
    const create = exports.createSyncService;
    if (typeof create === 'function') return () => checked((create as () => unknown)(), where);
    const named = exports.SyncService;
    if (isConstructor(named)) return () => checked(new named(), where);
  }
  if (isConstructor(fallback)) return () => checked(new fallback(), where);
  const found = Object.keys(moduleExports).join(', ') || 'nothing';
  throw new NoServiceExport(
    `${where} exports neither createSyncService() nor a class SyncService (named or default); it exports ${found}`,
  );
}

function isConstructor(value: unknown): value is new () => unknown {
  return typeof value === 'function' && typeof (value as { prototype?: unknown }).prototype === 'object';
}

function checked(instance: unknown, where: string): ServiceLike | Promise<ServiceLike> {
  if (instance instanceof Promise) return instance.then((resolved: unknown) => assertService(resolved, where));
  return assertService(instance, where);
}

function assertService(instance: unknown, where: string): ServiceLike {
  if (typeof instance === 'object' && instance !== null && typeof (instance as ServiceLike).onMessage === 'function') {
    return instance as ServiceLike;
  }
  throw new TypeError(`the server made by ${where} has no onMessage method`);
}
