import type { Bounds, NetworkMode } from '../../model/index.ts';

/**
 * How far `sync-check --exhaustive` looks: every event sequence within these
 * bounds is judged. It reads every field of the one bounds type (model/bounds.ts).
 */
export type ExhaustiveBounds = Bounds;

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
