/**
 * The catalogue's model-level properties and "sometimes" goals over the pure
 * model's states, for the oracle test/oracles/objectExplorer.ts: each property
 * is judged by the catalogue's own check, keyed by its catalogue id. The model
 * checker's packed twin is src/modelChecker/packedChecks.ts.
 */
import { deviceName, reliableRound, replyActedOn, type ModelState } from '../../model/index.ts';
import {
  convergenceGap,
  convergenceRoundLimit,
  GOALS,
  goalsFor,
  guaranteedIn,
  MODEL_INVARIANT_IDS,
  MODEL_LIVENESS_IDS,
  propertyById,
  type DeviceView,
  type EndObservation,
  type GoalId,
  type ModelLivenessId,
  type StepObservation,
} from '../../properties/index.ts';
import type { Goal, Invariant } from './objectExplorer.ts';

function views(state: ModelState): DeviceView[] {
  return state.devices.map((device, index) => ({ id: deviceName(index), records: device.records, sent: device.sent }));
}

/** The model-level step properties that are guarantees in `mode`, as transition invariants. */
export function objectInvariants(mode: ModelState['mode']): Record<string, Invariant> {
  return Object.fromEntries(
    guaranteedIn(MODEL_INVARIANT_IDS, mode).map((id): [string, Invariant] => {
      const property = propertyById(id);
      return [
        id,
        (before, event, after) => {
          const observation: StepObservation = {
            mode,
            event,
            devices: views(after),
            countsBefore: before.devices.map((device) => device.records.length),
          };
          return property.when === 'step' ? property.check(observation) : undefined;
        },
      ];
    }),
  );
}

const converged = (state: ModelState): boolean => convergenceGap(views(state)) === undefined;

/** Rounds of reliable probing from a quiescent state, as the liveness phase does; returns rounds to converge or undefined. */
function roundsToConverge(state: ModelState, limit: number): number | undefined {
  let current = state;
  for (let round = 0; round <= limit; round++) {
    if (converged(current)) return round;
    current = reliableRound(current);
  }
  return undefined;
}

/** What the liveness phase would observe from the quiescent `state`: reliable probing, up to L1's limit. */
export function endObservation(state: ModelState): EndObservation {
  const roundLimit = convergenceRoundLimit(state.devices.reduce((sum, device) => sum + device.sent.length, 0));
  const rounds = roundsToConverge(state, roundLimit);
  let gap: string | undefined;
  if (rounds === undefined) {
    let after = state;
    for (let round = 0; round < roundLimit; round++) after = reliableRound(after);
    gap = convergenceGap(views(after));
  }
  return { devices: views(state), roundsToConverge: rounds, roundLimit, gap };
}

function endCheck(id: ModelLivenessId): (state: ModelState) => string | undefined {
  const property = propertyById(id);
  return (state) => (property.when === 'end' ? property.check(endObservation(state)) : undefined);
}

/** The model-level end properties at a quiescent state, judged by the catalogue's checks. */
export const objectLiveness: Record<string, (state: ModelState) => string | undefined> = Object.fromEntries(MODEL_LIVENESS_IDS.map((id) => [id, endCheck(id)]));

/** When each goal is reached, over full states. */
const REACHED: Record<GoalId, Goal['reached']> = {
  converged: (_before, _event, after) => after.log.length > 0 && after.devices.every((device) => device.records.length === after.log.length),
  dropped: (before, event) => event.kind === 'drop' && replyActedOn(before, event) !== undefined,
  lengthsDiffer: (_before, _event, after) => new Set(after.devices.map((device) => device.records.length)).size > 1,
  emptyAnswered: (_before, event) => event.kind === 'empty',
  overtaken: (before, event) => {
    const entry = event.kind === 'deliver' ? replyActedOn(before, event) : undefined;
    return entry !== undefined && before.pending.some((other) => other.device === entry.device && other.id < entry.id);
  },
  duplicated: (before, event) => event.kind === 'duplicate' && replyActedOn(before, event) !== undefined,
};

/** Goals a meaningful bound must reach: without them a clean result could mean nothing was explored. */
export function objectGoals(mode: ModelState['mode']): Goal[] {
  return goalsFor(mode).map((id) => ({ name: GOALS[id].name, reached: REACHED[id] }));
}
