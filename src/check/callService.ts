/** Calls an implementation once, turning throws, rejections and hangs into outcomes. */
import type { CallOutcome } from '../../properties/index.ts';
import { networkCopy, NotTransferable } from './networkCopy.ts';
import { isRemoteService, type ServiceLike } from './service.ts';

/** Sends a copy of `message` and returns what came back, copied as the network would. */
export async function callService(service: ServiceLike, message: unknown, timeoutMs: number): Promise<CallOutcome> {
  // A remote server guards its own calls and reports how they ended.
  if (isRemoteService(service)) return service.call(networkCopy(message), timeoutMs);
  let result: unknown;
  try {
    result = service.onMessage(networkCopy(message));
    if (isThenable(result)) result = await withTimeout(Promise.resolve(result), timeoutMs);
  } catch (error) {
    if (error instanceof TimedOut) return { kind: 'timeout', ms: timeoutMs };
    // An out-of-process implementation reports a reply that could not be encoded this way.
    if (error instanceof NotTransferable) return { kind: 'garbled', error: error.message };
    return { kind: 'threw', error: errorText(error) };
  }
  try {
    return { kind: 'reply', value: networkCopy(result) };
  } catch (error) {
    return { kind: 'garbled', error: error instanceof Error ? error.message : String(error) };
  }
}

/** A Promise that did not settle in time. */
export class TimedOut extends Error {}

/** `promise`, or a TimedOut rejection after `timeoutMs`. */
export function withTimeout<Value>(promise: Promise<Value>, timeoutMs: number): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * One line describing a thrown value, with its type when it has one. Never throws itself: code under check can
 * throw a Proxy whose every trap throws, or an Error whose `name` is a getter that does.
 */
export function errorText(error: unknown): string {
  try {
    if (error instanceof Error) return `${String(error.name)}: ${String(error.message)}`;
    return String(error);
  } catch {
    return `a thrown ${typeof error} that cannot be described (reading it threw)`;
  }
}
