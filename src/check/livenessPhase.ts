/** The liveness phase of docs/protocol.md (The network modes), as a lazy sequence of events. */
import type { ModelEvent } from '../../model/index.ts';
import type { World } from './World.ts';

export type LivenessItem =
  | { readonly kind: 'event'; readonly event: ModelEvent }
  /** A round boundary: `round` rounds of reliable probing have been completed. */
  | { readonly kind: 'round'; readonly round: number };

/**
 * First every pending reply is delivered, oldest first; then, up to `roundLimit`
 * rounds, every device probes and its reply is delivered at once. Picks count
 * from the newest, so the oldest is pick `pendingCount - 1`; during the rounds
 * the only pending reply is pick 0.
 */
export function* livenessEvents(world: World, roundLimit: number): Generator<LivenessItem> {
  while (world.pendingCount > 0) yield { kind: 'event', event: { kind: 'deliver', pick: world.pendingCount - 1 } };
  for (let round = 0; round <= roundLimit; round++) {
    yield { kind: 'round', round };
    if (round === roundLimit) return;
    for (const device of world.devices.keys()) {
      yield { kind: 'event', event: { kind: 'probe', device } };
      yield { kind: 'event', event: { kind: 'deliver', pick: 0 } };
    }
  }
}
