/**
 * Typed-array twins of the catalogue's S1-S3 (properties/checks/stateChecks.ts)
 * over record ids, for the fast harness; keyed by catalogue id, and held to the
 * catalogue by test/catalogueTwins.test.ts (a twin for each id the harness judges,
 * the same verdicts on the same lists). A record is an id; its sender and its
 * position in the sender's sent list are facts kept per id.
 */
import { deviceName } from '../../model/index.ts';
import type { HarnessSafetyId } from '../harness/harnessSafety.ts';
import type { IdList } from './IdList.ts';

/** The records the run created, as facts per id. */
export interface RecordFacts {
  readonly device: IdList;
  readonly round: IdList;
  /** The record's position in its sender's sent list. */
  readonly sequence: IdList;
}

export type FastSafetyCheck = (devices: readonly IdList[], facts: RecordFacts) => string | undefined;

export const FAST_SAFETY: Readonly<Record<HarnessSafetyId, FastSafetyCheck>> = {
  /** S1: every list is a prefix of the longest. */
  S1: (devices) => {
    const longest = devices.reduce((best, device) => (device.length > best.length ? device : best));
    const reference = longest.view();
    for (const [index, device] of devices.entries()) {
      const ids = device.view();
      for (let position = 0; position < ids.length; position++) {
        if (ids[position] !== reference[position]) return `${deviceName(index)} disagrees with the longest list at index ${position}`;
      }
    }
    return undefined;
  },
  /** S2: every id names a record that was sent, and no device holds one twice (each was sent once). */
  S2: (devices, facts) => {
    const sent = facts.device.length;
    const held = new Uint8Array(sent);
    for (const [index, device] of devices.entries()) {
      const ids = device.view();
      for (let position = 0; position < ids.length; position++) {
        const id = ids[position]!;
        if (id < 0 || id >= sent) return `${deviceName(index)}[${position}] was never sent`;
        if (held[id] === 1) return `${deviceName(index)}[${position}] appears twice but was sent once`;
        held[id] = 1;
      }
      for (let position = 0; position < ids.length; position++) held[ids[position]!] = 0;
    }
    return undefined;
  },
  /** S3: on every device, each sender's records come in the order it sent them, from its first. */
  S3: (devices, facts) => {
    const [senders, sequences] = [facts.device.view(), facts.sequence.view()];
    for (const [index, device] of devices.entries()) {
      const ids = device.view();
      const nextPerSender = new Int32Array(devices.length);
      for (let position = 0; position < ids.length; position++) {
        const id = ids[position]!;
        const sender = senders[id];
        // A record no one sent is S2's finding, as in the catalogue's check.
        if (sender === undefined) continue;
        if (sequences[id] !== nextPerSender[sender]) return `${deviceName(index)}[${position}] breaks ${deviceName(sender)}'s order`;
        nextPerSender[sender]!++;
      }
    }
    return undefined;
  },
};

/** The first of `ids` whose twin finds a violation, as "S1: ...", or undefined. */
export function fastSafetyOf(devices: readonly IdList[], facts: RecordFacts, ids: readonly HarnessSafetyId[]): string | undefined {
  for (const id of ids) {
    const violation = FAST_SAFETY[id](devices, facts);
    if (violation !== undefined) return `${id}: ${violation}`;
  }
  return undefined;
}
