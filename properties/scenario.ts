/** A scenario: what one randomized run does. Plain data, so it prints, saves and replays. */
import type { ModelEvent, NetworkMode } from '../model/index.ts';

export interface Scenario {
  readonly mode: NetworkMode;
  readonly deviceCount: number;
  readonly events: readonly ModelEvent[];
}

export const MAX_DEVICES = 10;
