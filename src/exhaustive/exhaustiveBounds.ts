import type { NetworkMode } from '../../model/index.ts';

/** How far `sync-check --exhaustive` looks: every event sequence within these bounds is judged. */

export interface ExhaustiveBounds {
  /** The longest event sequence (the liveness phase comes on top). */
  readonly depth: number;
  /** The most devices; every count from 1 up to it is searched. */
  readonly devices: number;
  /** Records each device may emit. */
  readonly recordsPerDevice: number;
  /** Replies one device may have in flight at once (fifo and reorder). */
  readonly pendingPerDevice: number;
  /**
   * How many different record contents an emission chooses from. Two lets a
   * sequence repeat a timestamp or a payload, and send an early clock after a late one.
   */
  readonly contents: number;
  /** Out-of-contract messages per sequence (fifo and reorder; seed mode sends none, as its harness). */
  readonly junk: number;
}

/**
 * The depth each mode searches unless one is given. Seed-mode steps are whole
 * harness turns of 3 or 4 events with few choices, so it can afford 4 turns;
 * fifo and reorder branch about ten ways per event.
 */
export const DEFAULT_DEPTH: Readonly<Record<NetworkMode, number>> = { seed: 12, fifo: 5, reorder: 5 };

export const DEFAULT_EXHAUSTIVE_BOUNDS: Omit<ExhaustiveBounds, 'depth'> = {
  devices: 2,
  recordsPerDevice: 2,
  pendingPerDevice: 2,
  contents: 2,
  junk: 1,
};

/** The bounds in one line, for reports. */
export function describeBounds(bounds: Omit<ExhaustiveBounds, 'depth'>): string {
  return [
    `up to ${bounds.devices} device${bounds.devices === 1 ? '' : 's'}`,
    `${bounds.recordsPerDevice} record(s) per device from ${bounds.contents} content(s)`,
    `${bounds.pendingPerDevice} pending repl${bounds.pendingPerDevice === 1 ? 'y' : 'ies'} per device`,
    `${bounds.junk} junk message(s) per sequence`,
  ].join(', ');
}
