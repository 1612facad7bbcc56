/** The property catalogue (docs/protocol.md, The properties): every property once, as data. */
import { NETWORK_MODES, type NetworkMode } from '../model/index.ts';
import { checkConvergence, checkPromptConvergence } from './checks/livenessChecks.ts';
import {
  checkRefinement,
  checkSurvivesBadInput,
  checkSurvivesProtocol,
  checkWellFormedReply,
} from './checks/replyChecks.ts';
import { checkAgreement, checkIntegrity, checkNoRegression, checkSenderOrder } from './checks/stateChecks.ts';
import type { EndObservation, StepObservation } from './observation.ts';

export type PropertyId = 'S1' | 'S2' | 'S3' | 'S4' | 'S5' | 'S6' | 'S7' | 'L1' | 'L2' | 'R1';

/** fail: a guarantee broken; warn: works, but poorly. */
export type Level = 'fail' | 'warn';

interface PropertyBase {
  readonly id: PropertyId;
  readonly name: string;
  readonly level: Level;
  /** One sentence a user reads in reports. */
  readonly statement: string;
  /** The network modes in which the property is a guarantee. */
  readonly modes: readonly NetworkMode[];
  /** Checked only under --strict (claims of the reference semantics). */
  readonly strictOnly: boolean;
}

/** Checked after every event. */
export interface StepProperty extends PropertyBase {
  readonly when: 'step';
  /**
   * What the check reads: device records (re-judged only after an event that
   * changed some device's records, since sending only relaxes these checks),
   * or the server's answer to the message just sent.
   */
  readonly watches: 'records' | 'replies';
  readonly check: (observation: StepObservation) => string | undefined;
}

/** Checked once, after the liveness phase. */
export interface EndProperty extends PropertyBase {
  readonly when: 'end';
  readonly check: (observation: EndObservation) => string | undefined;
}

export type Property = StepProperty | EndProperty;

const ALL_MODES = NETWORK_MODES;

export const CATALOGUE: readonly Property[] = [
  {
    id: 'S1', watches: 'records', name: 'agreement', level: 'fail', when: 'step', modes: ALL_MODES, strictOnly: false,
    statement: "For any two devices, one's record list is a prefix of the other's.",
    check: checkAgreement,
  },
  {
    id: 'S2', watches: 'records', name: 'integrity', level: 'fail', when: 'step', modes: ALL_MODES, strictOnly: false,
    statement: 'Every record a device holds was sent, and none appears more often than it was sent.',
    check: checkIntegrity,
  },
  {
    id: 'S3', watches: 'records', name: 'sender order', level: 'fail', when: 'step', modes: ALL_MODES, strictOnly: false,
    statement: "On every device, each sender's records are a prefix of what that sender sent, in order.",
    check: checkSenderOrder,
  },
  {
    id: 'S4', watches: 'records', name: 'no regression', level: 'fail', when: 'step', modes: ['seed', 'fifo'], strictOnly: false,
    statement: "Under in-order delivery, a device's record count never decreases.",
    check: checkNoRegression,
  },
  {
    id: 'S5', watches: 'replies', name: 'well-formed replies', level: 'fail', when: 'step', modes: ALL_MODES, strictOnly: false,
    statement: 'Every reply to a probe or an empty message is an object with a string type; an update the device applies (from at most its count) has an integer from (not a float or bool) and a list of records (not a tuple); one from beyond the count is ignored and needs no data.',
    check: checkWellFormedReply,
  },
  {
    id: 'S6', watches: 'replies', name: 'survives the protocol', level: 'fail', when: 'step', modes: ALL_MODES, strictOnly: false,
    statement: 'The server never throws, rejects or hangs on a message a device can send.',
    check: checkSurvivesProtocol,
  },
  {
    id: 'S7', watches: 'replies', name: 'survives bad input', level: 'warn', when: 'step', modes: ['fifo', 'reorder'], strictOnly: false,
    statement: 'On out-of-contract input the server may answer an error but never throws, rejects or hangs.',
    check: checkSurvivesBadInput,
  },
  {
    id: 'L1', name: 'convergence', level: 'fail', when: 'end', modes: ALL_MODES, strictOnly: false,
    statement: 'With reliable probing after the last emission, every device holds all records in one order within total records + 2 rounds.',
    check: checkConvergence,
  },
  {
    id: 'L2', name: 'prompt convergence', level: 'warn', when: 'end', modes: ALL_MODES, strictOnly: false,
    statement: 'The same within 2 rounds.',
    check: checkPromptConvergence,
  },
  {
    id: 'R1', watches: 'replies', name: 'refinement', level: 'fail', when: 'step', modes: ALL_MODES, strictOnly: true,
    statement: "Every reply equals the pure model's reply to the same message in the same state.",
    check: checkRefinement,
  },
];

/**
 * The properties judged over the model's own states: step properties over device
 * records (invariants) and end properties (liveness). The others read an
 * implementation's replies, which the model gives by definition. Every engine
 * that judges model states (the model checker's src/modelChecker/packedChecks.ts,
 * its oracle test/oracles/objectChecks.ts) keys its checks by these ids;
 * test/catalogueTwins.test.ts holds the lists to the catalogue.
 */
export const MODEL_INVARIANT_IDS = ['S1', 'S2', 'S3', 'S4'] as const satisfies readonly PropertyId[];
export const MODEL_LIVENESS_IDS = ['L1', 'L2'] as const satisfies readonly PropertyId[];
export type ModelInvariantId = (typeof MODEL_INVARIANT_IDS)[number];
export type ModelLivenessId = (typeof MODEL_LIVENESS_IDS)[number];

/** The ids of `ids` that are guarantees in `mode`, as the catalogue says. */
export function guaranteedIn<Id extends PropertyId>(ids: readonly Id[], mode: NetworkMode): Id[] {
  return ids.filter((id) => propertyById(id).modes.includes(mode));
}

/** The catalogue entry for `id`. */
export function propertyById(id: PropertyId): Property {
  const found = CATALOGUE.find((property) => property.id === id);
  if (found === undefined) throw new Error(`unknown property ${id}`);
  return found;
}

/** True when `text` names a property of the catalogue. */
export function isPropertyId(text: string): text is PropertyId {
  return CATALOGUE.some((property) => property.id === text);
}

/** The level a property is judged at: under --strict, warnings are failures. */
export function effectiveLevel(property: Property, strict: boolean): Level {
  return strict ? 'fail' : property.level;
}

/**
 * "Sometimes" goals: what a bounded search must reach for a clean result to mean
 * something. Named once here, in report order; the engines key their tests of
 * them by goal id (src/modelChecker/packedChecks.ts, test/oracles/objectChecks.ts)
 * and src/modelChecker/goalBounds.ts keys the smallest bound reaching each.
 */
export const GOALS = {
  converged: { name: 'every device holds every record', modes: ALL_MODES },
  dropped: { name: 'a reply was dropped', modes: ALL_MODES },
  lengthsDiffer: { name: 'two devices disagree in length', modes: ALL_MODES },
  emptyAnswered: { name: 'an empty message was answered', modes: ALL_MODES },
  overtaken: { name: 'a reply arrived before an older one', modes: ['reorder'] },
  duplicated: { name: 'a reply was duplicated', modes: ['reorder'] },
} as const satisfies Record<string, { readonly name: string; readonly modes: readonly NetworkMode[] }>;

export type GoalId = keyof typeof GOALS;

/** The goals tracked in `mode`, in report order. */
export function goalsFor(mode: NetworkMode): GoalId[] {
  return (Object.keys(GOALS) as GoalId[]).filter((id) => (GOALS[id].modes as readonly NetworkMode[]).includes(mode));
}

/** The properties that are guarantees in `mode` (R1 only when strict). */
export function propertiesFor(mode: NetworkMode, strict: boolean): Property[] {
  return CATALOGUE.filter((property) => property.modes.includes(mode) && (strict || !property.strictOnly));
}
