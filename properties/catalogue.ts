/** The property catalogue (PROTOCOL.md section 6): every property once, as data. */
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

/** The properties that are guarantees in `mode` (R1 only when strict). */
export function propertiesFor(mode: NetworkMode, strict: boolean): Property[] {
  return CATALOGUE.filter((property) => property.modes.includes(mode) && (strict || !property.strictOnly));
}
