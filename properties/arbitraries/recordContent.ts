/** Record contents with the awkward cases of a real hall: colliding and skewed clocks, identical payloads. */
import fc from 'fast-check';
import type { RecordContent, RecordData } from '../../model/index.ts';

const BASE_INSTANT = Date.UTC(2024, 8, 2, 12, 0, 0);

/** A coarse clock: a handful of instants, so two tablets often share one and later records may carry earlier times. */
const coarseTimestamp = fc.integer({ min: 0, max: 5 }).map((second) => new Date(BASE_INSTANT + second * 1000).toISOString());

/** A fine clock over a day: timestamps rarely collide. */
const fineTimestamp = fc
  .integer({ min: 0, max: 86_399_999 })
  .map((millisecond) => new Date(BASE_INSTANT + millisecond).toISOString());

export const timestampArbitrary = fc.oneof({ arbitrary: coarseTimestamp, weight: 3 }, { arbitrary: fineTimestamp, weight: 1 });

/** Payloads from a tiny menu (identical payloads are common) or fresh UUIDs as in the original. */
const menuPayload: fc.Arbitrary<RecordData> = fc.record({
  a: fc.constantFrom('soup', 'rice'),
  b: fc.constantFrom('lunch'),
  c: fc.constantFrom('card-1', 'card-2'),
});

const uniquePayload: fc.Arbitrary<RecordData> = fc.record({ a: fc.uuid(), b: fc.uuid(), c: fc.uuid() });

export const payloadArbitrary = fc.oneof({ arbitrary: menuPayload, weight: 2 }, { arbitrary: uniquePayload, weight: 1 });

export const recordContentArbitrary: fc.Arbitrary<RecordContent> = fc.record({
  timestamp: timestampArbitrary,
  data: payloadArbitrary,
});
