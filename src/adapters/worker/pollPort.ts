/**
 * A message waited for by spinning on its port, briefly, before the event loop
 * sleeps. A call crosses to the implementation's thread and back for every
 * message of a run: asleep, each side is woken by the other, and on a machine
 * whose cores are idle every wake-up costs tens of microseconds (about 60 µs a
 * round trip on the 2-core machine of docs/performance.md, 10 µs spinning).
 * A message that does not come within the spin is delivered to the port's
 * listener as usual, so the spin only ever costs its own length.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** How long each side spins for the other's next message. */
export const SPIN_MICROSECONDS = 100;

/** The next message on `port` if one arrives within `microseconds`, else undefined (the listener gets it then). */
export function pollPort(port: MessagePort, microseconds = SPIN_MICROSECONDS): { readonly message: unknown } | undefined {
  const deadline = performance.now() + microseconds / 1000;
  do {
    const received = receiveMessageOnPort(port);
    if (received !== undefined) return received;
  } while (performance.now() < deadline);
  return undefined;
}
