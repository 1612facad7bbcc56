/**
 * The catalogue's model-level properties and "sometimes" goals over the pure
 * model's states, for the object explorer (model/explore.ts): each property is
 * judged by the catalogue's own check, keyed by its catalogue id. Its packed
 * twin is properties/compactChecks.ts.
 */
import { convergenceGap } from './convergence.ts';
import {
  GOALS,
  goalsFor,
  guaranteedIn,
  MODEL_INVARIANT_IDS,
  MODEL_LIVENESS_IDS,
  propertyById,
  type GoalId,
  type ModelLivenessId,
} from './catalogue.ts';
import type { DeviceView, EndObservation, StepObservation } from './observation.ts';
import { deviceName, reliableRound, replyActedOn, roundsToConverge, type Goal, type Invariant, type ModelState } from '../model/index.ts';
import { convergenceRoundLimit } from './checks/livenessChecks.ts';

function views(state: ModelState): DeviceView[] {
  return state.devices.map((device, index) => ({ id: deviceName(index), records: device.records, sent: device.sent }));
}

/** The model-level step properties that are guarantees in `mode`, as transition invariants. */
export function modelInvariants(mode: ModelState['mode']): Record<string, Invariant> {
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

/** What the liveness phase would observe from the quiescent `state`: reliable probing, up to L1's limit. */
export function endObservation(state: ModelState): EndObservation {
  const roundLimit = convergenceRoundLimit(state.devices.reduce((sum, device) => sum + device.sent.length, 0));
  const rounds = roundsToConverge(state, converged, roundLimit);
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
export const modelLiveness: Record<string, (state: ModelState) => string | undefined> = Object.fromEntries(MODEL_LIVENESS_IDS.map((id) => [id, endCheck(id)]));

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
export function modelGoals(mode: ModelState['mode']): Goal[] {
  return goalsFor(mode).map((id) => ({ name: GOALS[id].name, reached: REACHED[id] }));
}
