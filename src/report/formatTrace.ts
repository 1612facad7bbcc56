/** Formats a counterexample's recorded run into a readable numbered trace; nothing is run again. */
import { isRecordShaped, type ModelEvent, type WireRecord } from '../../model/index.ts';
import { describeValue, type CallOutcome, type DeviceView } from '../../properties/index.ts';
import type { Counterexample } from '../check/findCounterexample.ts';
import { MAX_RECORDED_ENTRIES, MAX_RECORDED_REPLY_BYTES, type RecordedStep, type RunRecording } from '../check/RunRecording.ts';
import type { Outgoing } from '../check/World.ts';
import { RecordLabels } from './recordLabels.ts';

/** One row of a trace: what happened at one event. */
export interface TraceRow {
  readonly step: string;
  readonly event: string;
  readonly message: string;
  readonly reply: string;
  readonly devices: string;
  /** Each device's list after the event, as `devices` shows it (`[r1 r2]`), in device order. */
  readonly holdings?: readonly string[];
  /** The label of the record this event sent the server, if it sent one (`r1`). */
  readonly received?: string;
  /** The messages the event moved, for sequence diagrams. */
  readonly arrows: readonly Arrow[];
  /** The reply the event created (a probe or an empty message) or moved (deliver, drop, duplicate). */
  readonly replyId?: number;
  /** True when the event sent the message that `replyId` answers. */
  readonly createsReply?: boolean;
}

/** A message between two parties ('server', a device id, or 'suite' for bad input). */
export interface Arrow {
  readonly from: string;
  readonly to: string;
  readonly text: string;
  /** A note is drawn over `from`; a lost message ends in a cross. */
  readonly kind: 'message' | 'lost' | 'note';
}

export interface Trace {
  /** The events in one line, as `emit[0] probe[0] drop[#1]`. */
  readonly compact: string;
  /** One row per event of the scenario. */
  readonly rows: readonly TraceRow[];
  /** The events of the liveness phase (pending replies delivered, then reliable probing). */
  readonly livenessRows: readonly TraceRow[];
  /** What the liveness phase did, in one line (empty when the run stopped before it). */
  readonly liveness: string;
  /** False when the run's record was lost (it ended the implementation's thread): then there are no rows. */
  readonly described: boolean;
  /**
   * The finding's message in plainer words, when the check's own words mislead:
   * S1 names one device twice ("dev_0 and dev_0 disagree") when a device holds
   * something that is not a record, which differs even from itself.
   */
  readonly explanation?: string;
}

function truncationReason(reason: NonNullable<RunRecording['truncated']>): string {
  if (reason === 'entries') return `the devices held more than ${MAX_RECORDED_ENTRIES.toLocaleString('en-US')} entries to copy`;
  return `the replies passed ${MAX_RECORDED_REPLY_BYTES / 1024 / 1024} MB`;
}

/** The counterexample's recorded run as numbered rows: each event's message, reply and the devices after it. */
export function formatTrace(counterexample: Counterexample): Trace {
  const recording = counterexample.recording;
  if (recording === undefined) return undescribedTrace(counterexample);
  const labels = new RecordLabels();
  const replyTexts = new Map<number, string>();
  const rows: TraceRow[] = [];
  const livenessRows: TraceRow[] = [];
  for (const step of recording.steps) (step.index === undefined ? livenessRows : rows).push(rowOf(step, recording.deviceIds, labels, replyTexts));
  const count = livenessRows.length;
  const phase = count === 0 ? '' : `liveness phase: ${count} event${count === 1 ? '' : 's'}, then devices ${livenessRows.at(-1)?.devices ?? ''}`;
  const cut = recording.truncated === undefined ? '' : `recording stopped after ${recording.steps.length} events: ${truncationReason(recording.truncated)}`;
  const liveness = [phase, cut].filter((part) => part !== '').join('; ');
  // The run stopped at the finding, so its end is as the failing event left it.
  const explanation = explain(counterexample, recording.end, labels);
  return { compact: rows.map((row) => row.event).join(' '), rows, livenessRows, liveness, described: true, ...(explanation === undefined ? {} : { explanation }) };
}

/** The trace as its events only: a run that ended the implementation's thread took its record with it. */
function undescribedTrace(counterexample: Counterexample): Trace {
  const compact = counterexample.scenario.events.map((event) => eventLabel(event, undefined)).join(' ');
  return { compact, rows: [], livenessRows: [], liveness: 'not described: the run ended the server\'s thread, and what it had recorded with it', described: false };
}

/** S1's and L1's words when they compare a device with itself: `dev_0 and dev_0 disagree at index 0`. */
const SELF_COMPARISON = /(\S+) and \1 (?:disagree|differ) at index (\d+)/;

/**
 * S1 compares every device with the longest, L1 with the first; a value that is
 * not a record is unequal even to itself, so a lone device "disagrees" with
 * itself. Says instead what the device holds, why it is not a record, and what
 * was sent, keeping whatever the message said before (L1's rounds).
 */
function explain(counterexample: Counterexample, end: readonly DeviceView[], labels: RecordLabels): string | undefined {
  const { finding } = counterexample;
  const match = SELF_COMPARISON.exec(finding.message);
  if (match === null) return undefined;
  const [whole, id, position] = match;
  const device = end.find((candidate) => candidate.id === id);
  const index = Number(position);
  if (device === undefined || index >= device.records.length) return undefined;
  const held = device.records[index];
  const sent = end.flatMap((sender) => sender.sent);
  const sentText = sent.length === 0 ? 'no record was sent' : `the records sent were ${labels.labelList(sent)}`;
  const nearest = closestRecord(held, sent);
  const reason = notARecordReason(held, nearest === undefined ? undefined : { label: labels.labelOf(nearest), record: nearest });
  const said = `${id} holds ${describeValue(held)} at index ${index} where ${sentText}: it is not a record (${reason}), so it equals no record, not even itself`;
  return finding.message.replace(whole ?? '', said);
}

/** The sent record sharing the most of dev_id, timestamp, a, b and c with `value`, if any shares one. */
function closestRecord(value: unknown, sent: readonly WireRecord[]): WireRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  const data = (typeof fields.data === 'object' && fields.data !== null ? fields.data : {}) as Record<string, unknown>;
  const score = (record: WireRecord): number =>
    [record.dev_id === fields.dev_id, record.timestamp === fields.timestamp, record.data.a === data.a, record.data.b === data.b, record.data.c === data.c].filter(Boolean).length;
  let best: WireRecord | undefined;
  for (const record of sent) if (score(record) > 0 && (best === undefined || score(record) > score(best))) best = record;
  return best;
}

/** Why a value fails `isRecordShaped`, in a few words, and what the closest record sent has in that field. */
function notARecordReason(value: unknown, nearest: { readonly label: string; readonly record: WireRecord } | undefined): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `it is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not an object`;
  const fields = value as Record<string, unknown>;
  const was = (field: string, sentValue: string | undefined): string => (nearest === undefined || sentValue === undefined ? '' : `; ${nearest.label} was sent with ${field} ${describeValue(sentValue)}`);
  for (const field of ['dev_id', 'timestamp'] as const) {
    if (typeof fields[field] !== 'string') return `its ${field} is ${describeValue(fields[field])}, not a string${was(field, nearest?.record[field])}`;
  }
  const data = fields.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return `its data is ${describeValue(data)}, not an object`;
  for (const field of ['a', 'b', 'c'] as const) {
    const item = (data as Record<string, unknown>)[field];
    if (typeof item !== 'string') return `its data.${field} is ${describeValue(item)}, not a string${was(`data.${field}`, nearest?.record.data[field])}`;
  }
  return 'it is shaped like a record';
}

function rowOf(executed: RecordedStep, deviceIds: readonly string[], labels: RecordLabels, replyTexts: Map<number, string>): TraceRow {
  const message = executed.sent === undefined ? '' : messageText(executed.sent, labels);
  const reply = replyText(executed, labels);
  if (executed.replyId !== undefined && executed.outcome !== undefined) replyTexts.set(executed.replyId, reply);
  const holdings = deviceIds.map((_id, index) => labels.labelList(executed.holdings[index] ?? []));
  const received = executed.sent?.kind === 'record' && isRecordShaped(executed.sent.message) ? labels.labelOf(executed.sent.message) : undefined;
  return {
    step: executed.index === undefined ? 'live' : String(executed.index),
    event: eventLabel(executed.event, executed.replyId),
    message,
    reply,
    devices: deviceIds.map((id, index) => `${id}=${holdings[index]}`).join(' '),
    holdings,
    ...(received === undefined ? {} : { received }),
    arrows: arrowsOf(executed, deviceIds, message, reply, replyTexts),
    ...(executed.replyId === undefined ? {} : { replyId: executed.replyId, createsReply: executed.sent !== undefined }),
  };
}

function arrowsOf(executed: RecordedStep, deviceIds: readonly string[], message: string, reply: string, replyTexts: Map<number, string>): Arrow[] {
  const { sent, event, replyDevice, replyId } = executed;
  if (sent !== undefined) {
    const sender = sent.device === undefined ? 'suite' : (deviceIds[sent.device] ?? 'suite');
    const send: Arrow = { from: sender, to: 'server', text: message, kind: 'message' };
    return reply === '' || reply === '-' ? [send] : [send, { from: 'server', to: 'server', text: `reply ${reply}`, kind: 'note' }];
  }
  if (replyDevice === undefined || replyId === undefined) return [];
  const receiver = deviceIds[replyDevice] ?? 'device';
  const text = replyTexts.get(replyId) ?? `#${replyId}`;
  if (event.kind === 'drop') return [{ from: 'server', to: receiver, text: `${text} (lost)`, kind: 'lost' }];
  return [{ from: 'server', to: receiver, text: event.kind === 'duplicate' ? `${text} (duplicate)` : text, kind: 'message' }];
}

/** The short name of an event: `emit[0]`, `deliver[#2]`, `junk[null]`. */
function eventLabel(event: ModelEvent, replyId: number | undefined): string {
  switch (event.kind) {
    case 'emit':
    case 'probe':
    case 'empty':
      return `${event.kind}[${event.device}]`;
    case 'junk':
      return `junk[${describeValue(event.message)}]`;
    default:
      return `${event.kind}[${replyId === undefined ? '-' : `#${replyId}`}]`;
  }
}

function messageText(sent: Outgoing, labels: RecordLabels): string {
  const message = sent.message;
  if (sent.kind === 'record' && isRecordShaped(message)) {
    const { a, b, c } = message.data;
    const label = labels.name(message);
    const copy = labels.emitted(message);
    // An identical record sent again is the same record to every check: same label, and the copy is counted.
    return `record ${label}${copy > 1 ? ` (copy ${copy})` : ''} ${message.dev_id} @${message.timestamp} {${short(a)},${short(b)},${short(c)}}`;
  }
  if (sent.kind === 'probe') return `probe from ${(message as { from: number }).from}`;
  return sent.kind === 'empty' ? '{}' : describeValue(message);
}

function replyText(executed: RecordedStep, labels: RecordLabels): string {
  const { replyId, outcome, event, sent } = executed;
  if (outcome === undefined) return replyId === undefined ? '' : `#${replyId} ${MOVED[event.kind] ?? ''}`;
  // The reply to a record (undefined, or Python's None) is thrown away, as in the original harness.
  if (sent?.kind === 'record' && outcome.kind === 'reply' && (outcome.value === undefined || outcome.value === null)) return '-';
  return `${replyId === undefined ? '' : `#${replyId} `}${outcomeText(outcome, labels)}`;
}

const MOVED: Partial<Record<ModelEvent['kind'], string>> = { deliver: 'delivered', drop: 'lost', duplicate: 'delivered, kept pending' };

function outcomeText(outcome: CallOutcome, labels: RecordLabels): string {
  switch (outcome.kind) {
    case 'threw':
      return `THREW ${outcome.error}`;
    case 'timeout':
      return `NO ANSWER in ${outcome.ms} ms`;
    case 'garbled':
      return `UNSENDABLE ${outcome.error}`;
    case 'reply': {
      const reply = outcome.value as { type?: unknown; from?: unknown; data?: unknown } | undefined;
      if (reply?.type === 'update' && Array.isArray(reply.data)) {
        return `update from ${describeValue(reply.from)} ${labels.labelList(reply.data)}`;
      }
      return describeValue(outcome.value);
    }
  }
}

function short(text: string): string {
  return text.length > 8 ? `${text.slice(0, 8)}…` : text;
}
