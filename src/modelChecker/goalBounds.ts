/**
 * The smallest bound at which each "sometimes" goal can be reached, so that an
 * unreached goal says whether the bound was too small (a warning naming the
 * bound to use) or should have reached it (a failure). Each minimum was checked
 * by exploring every mode at 1-3 devices, 0-2 records and 0-3 pending replies:
 * a goal is reached exactly when every bound is at least its minimum.
 */
import { GOALS, type GoalId } from '../../properties/index.ts';
import type { ModelCheckerBounds } from './modelCheckerBounds.ts';
import type { ModelCheckReport } from './packedSearch.ts';

export interface GoalMinimum {
  readonly devices: number;
  readonly records: number;
  readonly pending: number;
}

const MINIMUM_OF: Readonly<Record<GoalId, GoalMinimum>> = {
  // A device learns the log only from a reply: something to learn, and a probe to ask.
  converged: { devices: 1, records: 1, pending: 1 },
  // Any reply can be dropped, even the reply to an empty message.
  dropped: { devices: 1, records: 0, pending: 1 },
  // One device has to learn a record the other has not.
  lengthsDiffer: { devices: 2, records: 1, pending: 1 },
  emptyAnswered: { devices: 1, records: 0, pending: 1 },
  // Two replies to one device in flight, the newer one carrying a record.
  overtaken: { devices: 1, records: 1, pending: 2 },
  // Only a reply that would change its device is duplicated.
  duplicated: { devices: 1, records: 1, pending: 1 },
};

/** The minimums by goal name, as reports name goals. */
export const GOAL_MINIMUMS: Readonly<Record<string, GoalMinimum>> = Object.fromEntries(
  (Object.keys(MINIMUM_OF) as GoalId[]).map((id) => [GOALS[id].name, MINIMUM_OF[id]]),
);

/** The options a goal needs beyond `bounds` ("--pending 2"), or undefined when `bounds` can reach it. */
export function boundNeeded(goal: string, bounds: ModelCheckerBounds): string | undefined {
  const minimum = GOAL_MINIMUMS[goal];
  if (minimum === undefined) return undefined;
  const needed = [
    bounds.devices < minimum.devices ? `--devices ${minimum.devices}` : undefined,
    bounds.recordsPerDevice < minimum.records ? `--records ${minimum.records}` : undefined,
    bounds.pendingPerDevice < minimum.pending ? `--pending ${minimum.pending}` : undefined,
  ].filter((option) => option !== undefined);
  return needed.length === 0 ? undefined : needed.join(' ');
}

export interface GoalOutcome {
  readonly name: string;
  readonly reached: boolean;
  /** For an unreached goal the bound is too small for: the options it needs. */
  readonly needs?: string;
}

export function goalOutcomes(report: ModelCheckReport): GoalOutcome[] {
  return report.goals.map((goal) => {
    const needs = goal.reached ? undefined : boundNeeded(goal.name, report.bounds);
    return needs === undefined ? { ...goal } : { ...goal, needs };
  });
}

/**
 * Above this chance that a fingerprint collision hid a state, a search without a violation is not called clean
 * (a warning, exit 0): one in ten thousand. Every documented bound is below it (the largest, reorder with 3
 * devices, at 3 x 10^-5); a search near --max-states' ceiling is not (about 0.02 at 268 million states).
 */
export const COLLISION_WARNING = 1e-4;

/** True for a complete search without a violation whose chance of a state hidden by a collision is above COLLISION_WARNING: not a proof. */
export function collisionMayHideStates(report: ModelCheckReport): boolean {
  return report.complete && report.violation === undefined && report.collisionProbability > COLLISION_WARNING;
}

/**
 * 'clean': complete, no violation, every goal reached; 'warning': the same but
 * for goals the bound is too small to reach, or with a chance above
 * COLLISION_WARNING that a fingerprint collision hid a state; 'failure': a
 * violation, an incomplete search, or a goal unreached at a bound that reaches it.
 */
export function modelCheckVerdict(report: ModelCheckReport): 'clean' | 'warning' | 'failure' {
  if (!report.complete || report.violation !== undefined) return 'failure';
  const unreached = goalOutcomes(report).filter((goal) => !goal.reached);
  if (unreached.some((goal) => goal.needs === undefined)) return 'failure';
  return unreached.length > 0 || collisionMayHideStates(report) ? 'warning' : 'clean';
}
