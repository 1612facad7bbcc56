/**
 * The catalogue's properties and "sometimes" goals over the pure model's states,
 * for the exhaustive explorer (model/explore.ts).
 */
import { convergenceGap } from './convergence.ts';
import { propertyById, type PropertyId } from './catalogue.ts';
import type { DeviceView, StepObservation } from './observation.ts';
import { deviceName, replyActedOn, roundsToConverge, type Goal, type Invariant, type ModelState } from '../model/index.ts';
import { PROMPT_ROUNDS } from './checks/livenessChecks.ts';

function views(state: ModelState): DeviceView[] {
  return state.devices.map((device, index) => ({ id: deviceName(index), records: device.records, sent: device.sent }));
}

/** S1-S4 as transition invariants (S4 only where it is a guarantee). */
export function modelInvariants(mode: ModelState['mode']): Record<string, Invariant> {
  const ids: PropertyId[] = mode === 'reorder' ? ['S1', 'S2', 'S3'] : ['S1', 'S2', 'S3', 'S4'];
  return Object.fromEntries(
    ids.map((id): [string, Invariant] => {
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

/** L1 and L2 at a quiescent state: reliable probing converges, and promptly. */
export const modelLiveness: Record<string, (state: ModelState) => string | undefined> = {
  L1: (state) => {
    const limit = state.devices.reduce((sum, device) => sum + device.sent.length, 0) + 2;
    return roundsToConverge(state, converged, limit) === undefined ? `not converged within ${limit} rounds` : undefined;
  },
  L2: (state) => {
    const rounds = roundsToConverge(state, converged, PROMPT_ROUNDS);
    return rounds === undefined ? `not converged within ${PROMPT_ROUNDS} rounds` : undefined;
  },
};

/** Goals a meaningful bound must reach: without them a clean result could mean nothing was explored. */
export function modelGoals(mode: ModelState['mode']): Goal[] {
  const goals: Goal[] = [
    { name: 'every device holds every record', reached: (_before, _event, after) => after.log.length > 0 && after.devices.every((device) => device.records.length === after.log.length) },
    { name: 'a reply was dropped', reached: (before, event) => event.kind === 'drop' && replyActedOn(before, event) !== undefined },
    { name: 'two devices disagree in length', reached: (_before, _event, after) => new Set(after.devices.map((device) => device.records.length)).size > 1 },
    { name: 'an empty message was answered', reached: (_before, event) => event.kind === 'empty' },
  ];
  if (mode === 'reorder') {
    goals.push(
      {
        name: 'a reply arrived before an older one',
        reached: (before, event) => {
          const entry = event.kind === 'deliver' ? replyActedOn(before, event) : undefined;
          return entry !== undefined && before.pending.some((other) => other.device === entry.device && other.id < entry.id);
        },
      },
      { name: 'a reply was duplicated', reached: (before, event) => event.kind === 'duplicate' && replyActedOn(before, event) !== undefined },
    );
  }
  return goals;
}
