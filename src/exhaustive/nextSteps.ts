/**
 * The alphabet of the exhaustive search: what may follow a sequence, given
 * what the run showed at its end. In fifo and reorder a step is one event; in
 * seed mode it is one harness turn (the original schedule), so that seed-mode
 * sequences are the ones the seed generator can draw.
 */
import { replyEvents, type ModelEvent, type NetworkMode, type RecordContent } from '../../model/index.ts';
import { turnEvents } from '../../properties/arbitraries/harnessTurnArbitrary.ts';
import type { Frontier } from '../check/Frontier.ts';
import type { ExhaustiveBounds } from './exhaustiveBounds.ts';

/**
 * The out-of-contract messages an exhaustive search sends: one of each kind of
 * wrongness (not an object, an unknown type, a probe without a valid count),
 * rather than all of JUNK_MESSAGES, which would multiply the sequences by 18.
 */
export const EXHAUSTIVE_JUNK: readonly unknown[] = [
  null,
  { type: 'hello' },
  { type: 'probe', dev_id: 'dev_0' },
  { type: 'probe', dev_id: 'dev_0', from: -1 },
];

/** The instant random runs' clocks start at (properties/arbitraries/recordContent.ts), so exhaustive traces read like random ones. */
const PALETTE_INSTANT = Date.UTC(2024, 8, 2, 12, 0, 0);
/** Dishes for the palette, the random runs' menu first. */
const PALETTE_DISHES = ['soup', 'rice', 'stew', 'salad', 'pasta', 'curry', 'fish', 'bread', 'pie', 'fruit'];

/**
 * Record content number `index` of the palette: equal indexes give equal
 * timestamps and payloads, a higher index a later clock. The same shape as a
 * random run's records (an ISO timestamp, a dish, a meal, a card), so a trace
 * reads the same whichever search found it.
 */
export function paletteContent(index: number): RecordContent {
  const timestamp = new Date(PALETTE_INSTANT + index * 1000).toISOString();
  return { timestamp, data: { a: PALETTE_DISHES[index % PALETTE_DISHES.length] ?? 'soup', b: 'lunch', c: `card-${index + 1}` } };
}

/** Every step that may follow, in a fixed order (so the first failure found is the same every time). */
export function nextSteps(mode: NetworkMode, frontier: Frontier, bounds: ExhaustiveBounds): ModelEvent[][] {
  return mode === 'seed' ? harnessTurns(frontier, bounds) : singleEvents(mode, frontier, bounds);
}

function singleEvents(mode: NetworkMode, frontier: Frontier, bounds: ExhaustiveBounds): ModelEvent[][] {
  const events: ModelEvent[] = [];
  frontier.sent.forEach((sent, device) => {
    if (sent < bounds.recordsPerDevice) {
      for (let content = 0; content < bounds.contents; content++) events.push({ kind: 'emit', device, content: paletteContent(content) });
    }
    if (frontier.pendingDevices.filter((owner) => owner === device).length < bounds.pendingPerDevice) {
      events.push({ kind: 'probe', device }, { kind: 'empty', device });
    }
  });
  events.push(...replyEvents(frontier.pendingDevices.map((device) => ({ device })), mode));
  if (frontier.junkUsed < bounds.junk) for (const message of EXHAUSTIVE_JUNK) events.push({ kind: 'junk', message });
  return events.map((event) => [event]);
}

/** The next device's turn, round-robin as in testSyncing: every combination of record, probe and reply. */
function harnessTurns(frontier: Frontier, bounds: ExhaustiveBounds): ModelEvent[][] {
  const device = frontier.turns % frontier.sent.length;
  const records: (RecordContent | undefined)[] = [undefined];
  if ((frontier.sent[device] ?? 0) < bounds.recordsPerDevice) {
    for (let content = 0; content < bounds.contents; content++) records.push(paletteContent(content));
  }
  const steps: ModelEvent[][] = [];
  for (const record of records) {
    for (const probed of [true, false]) for (const replyKept of [true, false]) steps.push(turnEvents(device, { record, probed, replyKept }));
  }
  return steps;
}
