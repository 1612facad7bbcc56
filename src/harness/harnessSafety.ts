/**
 * Which catalogue properties the original harness judges on its states (every
 * `checkEvery` rounds, and at the end): the step properties over device records
 * that read the current lists alone. Both harnesses judge these ids: the object
 * harness with the catalogue's own checks, the fast harness with typed-array
 * twins keyed by the same ids (fastSafety.ts). test/catalogueTwins.test.ts
 * checks that every records property of the catalogue is judged here or listed
 * below with the reason it is not.
 */
import type { PropertyId } from '../../properties/index.ts';

export const HARNESS_SAFETY_IDS = ['S1', 'S2', 'S3'] as const satisfies readonly PropertyId[];

export type HarnessSafetyId = (typeof HARNESS_SAFETY_IDS)[number];

/** Records properties the harnesses leave out, and why. */
export const NOT_JUDGED_BY_HARNESS: Readonly<Partial<Record<PropertyId, string>>> = {
  S4: "it compares each device's count before and after every event; the harness samples states every so many rounds",
};
