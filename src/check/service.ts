/** The one interface through which the checker touches an implementation. */
import type { CallOutcome } from '../../properties/index.ts';

/** A sync server: `onMessage` returns the reply, undefined, or a Promise of either. */
export interface ServiceLike {
  onMessage(message: unknown): unknown;
}

/**
 * A server that lives in another thread or process and reports how each call
 * ended itself (a reply, a throw, a hang, a crash), so the checker never waits
 * on it unguarded.
 */
export interface RemoteService extends ServiceLike {
  call(message: unknown, timeoutMs: number): Promise<CallOutcome>;
  /** The server's own state description after the last call, when it offers `snapshot()`. */
  snapshot?(): unknown;
}

/** Makes a fresh server for every run. */
export type ServiceFactory = () => ServiceLike | Promise<ServiceLike>;

export function isRemoteService(service: ServiceLike): service is RemoteService {
  return typeof (service as Partial<RemoteService>).call === 'function';
}

/** A factory whose servers live in another thread or process that starts them under its own timeouts (a process start is slower than any reply). */
export type RemoteFactory = (() => Promise<RemoteService>) & { readonly remote: true };

export function remoteFactory(create: () => Promise<RemoteService>): RemoteFactory {
  return Object.assign(create, { remote: true as const });
}

export function isRemoteFactory(factory: ServiceFactory): factory is RemoteFactory {
  return (factory as Partial<RemoteFactory>).remote === true;
}
