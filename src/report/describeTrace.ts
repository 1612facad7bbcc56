/** Turns a counterexample into a readable numbered trace by running it once more. */
import { isRecordShaped, type ModelEvent } from '../../model/index.ts';
import { describeValue, propertyById, type CallOutcome, type Property } from '../../properties/index.ts';
import type { Counterexample } from '../check/findCounterexample.ts';
import { runScenario, type ExecutedStep } from '../check/runScenario.ts';
import type { ServiceFactory } from '../check/service.ts';
import type { Outgoing } from '../check/World.ts';
import { RecordLabels } from './recordLabels.ts';

/** One row of a trace: what happened at one event. */
export interface TraceRow {
  readonly step: string;
  readonly event: string;
  readonly message: string;
  readonly reply: string;
  readonly devices: string;
  /** The messages the event moved, for sequence diagrams. */
  readonly arrows: readonly Arrow[];
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
}

/** Runs the counterexample again, recording each event's message, reply and the devices after it. */
export async function describeTrace(factory: ServiceFactory, counterexample: Counterexample, timeoutMs: number): Promise<Trace> {
  const labels = new RecordLabels();
  const replyTexts = new Map<number, string>();
  const rows: TraceRow[] = [];
  const livenessRows: TraceRow[] = [];
  const properties: Property[] = counterexample.properties.map(propertyById);
  await runScenario(factory, counterexample.scenario, {
    properties,
    strict: false,
    timeoutMs,
    onStep: (executed) => (executed.index === undefined ? livenessRows : rows).push(rowOf(executed, labels, replyTexts)),
  });
  const count = livenessRows.length;
  const liveness = count === 0 ? '' : `liveness phase: ${count} event${count === 1 ? '' : 's'}, then devices ${livenessRows.at(-1)?.devices ?? ''}`;
  return { compact: rows.map((row) => row.event).join(' '), rows, livenessRows, liveness };
}

/** The trace as its events only, without running it (when the time budget is spent). */
export function undescribedTrace(counterexample: Counterexample): Trace {
  const compact = counterexample.scenario.events.map((event) => eventLabel(event, undefined)).join(' ');
  return { compact, rows: [], livenessRows: [], liveness: 'not run again to describe it: the time budget was spent' };
}

function rowOf(executed: ExecutedStep, labels: RecordLabels, replyTexts: Map<number, string>): TraceRow {
  const message = executed.sent === undefined ? '' : messageText(executed.sent, labels);
  const reply = replyText(executed, labels);
  if (executed.replyId !== undefined && executed.outcome !== undefined) replyTexts.set(executed.replyId, reply);
  return {
    step: executed.index === undefined ? 'live' : String(executed.index),
    event: eventLabel(executed.event, executed.replyId),
    message,
    reply,
    devices: executed.world.devices.map((device) => `${device.id}=${labels.labelList(device.records)}`).join(' '),
    arrows: arrowsOf(executed, message, reply, replyTexts),
  };
}

function arrowsOf(executed: ExecutedStep, message: string, reply: string, replyTexts: Map<number, string>): Arrow[] {
  const { sent, event, replyDevice, replyId, world } = executed;
  if (sent !== undefined) {
    const sender = sent.device === undefined ? 'suite' : (world.devices[sent.device]?.id ?? 'suite');
    const send: Arrow = { from: sender, to: 'server', text: message, kind: 'message' };
    return reply === '' || reply === '-' ? [send] : [send, { from: 'server', to: 'server', text: `reply ${reply}`, kind: 'note' }];
  }
  if (replyDevice === undefined || replyId === undefined) return [];
  const receiver = world.devices[replyDevice]?.id ?? 'device';
  const text = replyTexts.get(replyId) ?? `#${replyId}`;
  if (event.kind === 'drop') return [{ from: 'server', to: receiver, text: `${text} (lost)`, kind: 'lost' }];
  return [{ from: 'server', to: receiver, text: event.kind === 'duplicate' ? `${text} (duplicate)` : text, kind: 'message' }];
}

/** The short name of an event: `emit[0]`, `deliver[#2]`, `junk[null]`. */
export function eventLabel(event: ModelEvent, replyId: number | undefined): string {
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
    return `record ${labels.name(message)} ${message.dev_id} @${message.timestamp} {${short(a)},${short(b)},${short(c)}}`;
  }
  if (sent.kind === 'probe') return `probe from ${(message as { from: number }).from}`;
  return sent.kind === 'empty' ? '{}' : describeValue(message);
}

function replyText(executed: ExecutedStep, labels: RecordLabels): string {
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
