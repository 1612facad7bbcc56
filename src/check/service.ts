/** The one interface through which the checker touches an implementation. */

/** A sync server: `onMessage` returns the reply, undefined, or a Promise of either. */
export interface ServiceLike {
  onMessage(message: unknown): unknown;
}

/** Makes a fresh server for every run. */
export type ServiceFactory = () => ServiceLike | Promise<ServiceLike>;
