/**
 * Statistics labels: which awkward cases a scenario reaches, so a user can see
 * that the search got there. Every generated run is labelled, so this is on the
 * checker's hot path: what happens to replies is followed with the model's own
 * rule for which reply an event acts on (pendingIndexFor), over the replies'
 * numbers and devices alone, not by stepping the whole model.
 */
import { isReplyEvent, pendingIndexFor, withoutPending, type PendingReply } from '../model/index.ts';
import type { Scenario } from './scenario.ts';

function bucket(name: string, value: number, bounds: readonly [number, string][]): string {
  const found = bounds.find(([upTo]) => value <= upTo);
  return `${name}: ${found?.[1] ?? `more than ${bounds.at(-1)?.[0] ?? 0}`}`;
}

/** The labels of one scenario: one bucket per size, and one label per awkward case reached. */
export function scenarioLabels(scenario: Scenario): string[] {
  const records = scenario.events.flatMap((event) => (event.kind === 'emit' ? [event.content] : []));
  const labels = [
    bucket('devices', scenario.deviceCount, [[1, '1'], [3, '2-3'], [6, '4-6'], [10, '7-10']]),
    bucket('records', records.length, [[0, '0'], [9, '1-9'], [24, '10-24'], [Number.MAX_SAFE_INTEGER, '25 or more']]),
  ];
  const timestamps = records.map((record) => record.timestamp);
  if (new Set(timestamps).size < timestamps.length) labels.push('colliding timestamps');
  if (timestamps.some((timestamp, index) => index > 0 && timestamp < (timestamps[index - 1] ?? ''))) labels.push('skewed clocks');
  const payloads = records.map((record) => JSON.stringify(record.data));
  if (new Set(payloads).size < payloads.length) labels.push('identical payloads');
  if (scenario.events.some((event) => event.kind === 'junk')) labels.push('out-of-contract messages');
  return [...labels, ...replyLabels(scenario)];
}

/** Labels about what happened to replies: lost, duplicated, overtaken by a newer one. */
export function replyLabels(scenario: Scenario): string[] {
  const labels = new Set<string>();
  const newestDelivered = new Map<number, number>();
  // As model/step.ts keeps them: a probe or an empty message from an existing device adds a reply; nothing else does.
  let pending: PendingReply<undefined>[] = [];
  let nextId = 1;
  for (const event of scenario.events) {
    if (event.kind === 'probe' || event.kind === 'empty') {
      if (Number.isInteger(event.device) && event.device >= 0 && event.device < scenario.deviceCount) pending = [...pending, { id: nextId++, device: event.device, reply: undefined }];
      continue;
    }
    if (!isReplyEvent(event)) continue;
    const index = pendingIndexFor(pending, scenario.mode, event);
    const acted = index === undefined ? undefined : pending[index];
    if (index === undefined || acted === undefined) continue;
    if (event.kind === 'drop') labels.add('lost replies');
    if (event.kind === 'duplicate') labels.add('duplicated replies');
    if (event.kind !== 'drop') {
      if (acted.id < (newestDelivered.get(acted.device) ?? 0)) labels.add('reordered replies');
      newestDelivered.set(acted.device, Math.max(acted.id, newestDelivered.get(acted.device) ?? 0));
    }
    if (event.kind !== 'duplicate') pending = withoutPending(pending, index);
  }
  return [...labels].sort();
}
