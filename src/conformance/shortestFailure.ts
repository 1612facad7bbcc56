/** The length of the shortest sequence that breaks one property: the yardstick for fast-check's shrinking. */
import type { NetworkMode } from '../../model/index.ts';
import type { PropertyId, Scenario } from '../../properties/index.ts';
import type { ServiceFactory } from '../check/service.ts';
import type { ExhaustiveBounds } from '../exhaustive/exhaustiveBounds.ts';
import { exhaustiveConformance } from './exhaustiveConformance.ts';

/** Deep enough for every catalogue mutant: 8 events, or in seed mode 4 harness turns (12 events). */
export const SHORTEST_DEPTH: Readonly<Record<NetworkMode, number>> = { seed: 12, fifo: 8, reorder: 8 };

/**
 * The shortest failing sequence for `property` alone, or undefined if none
 * within SHORTEST_DEPTH. `junk` bounds out-of-contract messages: shrinking
 * cannot bring one in, so a trace without one is measured against the
 * shortest without one. `bounds` replaces the default bounds where given: for a
 * bug beyond them, a search narrowed to the one dimension it needs (say, only
 * emissions, from one device) reaches a minimum no full search could.
 */
export async function shortestFailure(
  factory: ServiceFactory,
  mode: NetworkMode,
  property: PropertyId,
  junk: number,
  timeoutMs: number,
  bounds: Partial<ExhaustiveBounds> = {},
): Promise<Scenario | undefined> {
  const report = await exhaustiveConformance(factory, {
    modes: [mode],
    only: [property],
    stopAtFirstFailure: true,
    timeoutMs,
    bounds: { depth: SHORTEST_DEPTH[mode], junk, ...bounds },
  });
  return report.modes[0]?.verdicts.find((verdict) => verdict.id === property)?.counterexample?.scenario;
}

/** Whether a trace sends anything out of contract. */
export function junkIn(scenario: Scenario): number {
  return scenario.events.some((event) => event.kind === 'junk') ? 1 : 0;
}
