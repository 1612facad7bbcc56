/**
 * A message waited for by spinning on its port, briefly, before the event loop
 * sleeps. A call crosses to the implementation's thread and back for every
 * message of a run: asleep, each side is woken by the other, and on a machine
 * whose cores are idle every wake-up costs tens of microseconds (about 60 µs a
 * round trip on the 2-core machine of docs/performance.md, 18 µs spinning).
 * A message that does not come within the spin is delivered to the port's
 * listener as usual. On a busy machine the other side is often not running,
 * and a spin that waits for it only takes its core: after a spin that found
 * nothing, the next few waits do not spin at all.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** How long each side spins for the other's next message. */
export const SPIN_MICROSECONDS = 100;
/** After a spin that found nothing, this many waits go straight to sleep. */
const WAITS_WITHOUT_SPIN = 16;

export class PortPoller {
  private skip = 0;

  constructor(private readonly port: MessagePort) {}

  /** The next message on the port if one arrives within the spin, else undefined (the listener gets it then). */
  poll(): { readonly message: unknown } | undefined {
    if (this.skip > 0) {
      this.skip--;
      return receiveMessageOnPort(this.port);
    }
    const deadline = performance.now() + SPIN_MICROSECONDS / 1000;
    do {
      const received = receiveMessageOnPort(this.port);
      if (received !== undefined) return received;
    } while (performance.now() < deadline);
    this.skip = WAITS_WITHOUT_SPIN;
    return undefined;
  }
}
