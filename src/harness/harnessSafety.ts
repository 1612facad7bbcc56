/**
 * Which catalogue properties the original harness judges on its states (every
 * `checkEvery` rounds, and at the end): the step properties over device records
 * that read the current lists alone. Both harnesses judge these ids: the object
 * harness with the catalogue's own checks, the fast harness with typed-array
 * twins keyed by the same ids (fastSafety.ts). test/catalogueTwins.test.ts
 * checks that every records property of the catalogue is judged here, or left
 * out for a reason it states (S4: the harness samples states, it does not see
 * every event).
 */
import type { PropertyId } from '../../properties/index.ts';

export const HARNESS_SAFETY_IDS = ['S1', 'S2', 'S3'] as const satisfies readonly PropertyId[];

export type HarnessSafetyId = (typeof HARNESS_SAFETY_IDS)[number];
