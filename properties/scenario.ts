/** A scenario: what one randomized run does. Plain data, so it prints, saves and replays. */
import type { ModelEvent, NetworkMode } from '../model/index.ts';

export interface Scenario {
  readonly mode: NetworkMode;
  readonly deviceCount: number;
  readonly events: readonly ModelEvent[];
}

export const MAX_DEVICES = 10;

/**
 * The fewest devices a scenario of `mode` has. The original harness syncs
 * several devices, so seed mode starts at two; the free-running modes also try a lone device.
 */
export function minDevices(mode: NetworkMode): number {
  return mode === 'seed' ? 2 : 1;
}
