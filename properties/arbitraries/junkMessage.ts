/** Out-of-contract messages for S7. Malformed records are deliberately absent (docs/protocol.md, What the server answers). */
import fc from 'fast-check';

/** Far beyond any count a run can reach. */
const BEYOND_ANYTHING_SENT = 1_000_000;

export const JUNK_MESSAGES: readonly unknown[] = [
  null,
  [],
  ['probe'],
  'probe',
  42,
  true,
  { dev_id: 'dev_0' },
  { type: 'hello' },
  { type: 7 },
  { type: 'update', from: 0, data: [] },
  { type: 'probe', dev_id: 'dev_0' },
  { type: 'probe', dev_id: 'dev_0', from: -1 },
  { type: 'probe', dev_id: 'dev_0', from: 0.5 },
  { type: 'probe', dev_id: 'dev_0', from: '0' },
  { type: 'probe', dev_id: 'dev_0', from: null },
  { type: 'probe', dev_id: 'dev_0', from: Number.NaN },
  { type: 'probe', dev_id: 'dev_0', from: Number.POSITIVE_INFINITY },
  { type: 'probe', dev_id: 'dev_0', from: BEYOND_ANYTHING_SENT },
];

export const junkMessageArbitrary = fc.constantFrom(...JUNK_MESSAGES);
