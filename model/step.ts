/** The protocol's transition function: step(state, event) -> state. */
import { applyReply } from './applyReply.ts';
import { isReplyEvent, type ModelEvent, type ReplyEvent } from './events.ts';
import { makeProbe, makeRecord } from './messages.ts';
import { pendingIndexFor, withoutPending, type PendingReply } from './network.ts';
import { serverStep } from './server.ts';
import type { DeviceState, ModelState } from './state.ts';

/** The message a device sends for a send event, or undefined for other events. */
export function messageFor(state: ModelState, event: ModelEvent): unknown {
  switch (event.kind) {
    case 'emit':
      return makeRecord(event.device, event.content);
    case 'probe':
      return makeProbe(event.device, state.devices[event.device]?.records.length ?? 0);
    case 'empty':
      return {};
    case 'junk':
      return event.message;
    default:
      return undefined;
  }
}

/** The state after `event`. Events that name nothing that exists change nothing. */
export function step(state: ModelState, event: ModelEvent): ModelState {
  switch (event.kind) {
    case 'emit':
    case 'probe':
    case 'empty':
      return sendFromDevice(state, event.device, event);
    case 'junk':
      return { ...state, log: serverStep(state.log, event.message).log };
    case 'deliver':
    case 'duplicate':
    case 'drop':
      return moveReply(state, event);
  }
}

/** The pending reply `event` acts on in `state`, if it is a reply event that acts on one. */
export function replyActedOn(state: ModelState, event: ModelEvent): PendingReply | undefined {
  if (!isReplyEvent(event)) return undefined;
  const index = pendingIndexFor(state.pending, state.mode, event);
  return index === undefined ? undefined : state.pending[index];
}

function sendFromDevice(state: ModelState, device: number, event: ModelEvent): ModelState {
  const sender = state.devices[device];
  if (sender === undefined) return state;
  const message = messageFor(state, event);
  const { log, reply } = serverStep(state.log, message);
  if (event.kind === 'emit') {
    const updated: DeviceState = { ...sender, sent: [...sender.sent, makeRecord(device, event.content)] };
    return { ...state, log, devices: replaceAt(state.devices, device, updated) };
  }
  const pending = [...state.pending, { id: state.nextReplyId, device, reply }];
  return { ...state, log, pending, nextReplyId: state.nextReplyId + 1 };
}

/** Deliver and drop consume the reply; deliver and duplicate hand it to its device. */
function moveReply(state: ModelState, event: ReplyEvent): ModelState {
  const index = pendingIndexFor(state.pending, state.mode, event);
  const entry = index === undefined ? undefined : state.pending[index];
  if (index === undefined || entry === undefined) return state;
  if (event.kind === 'drop') return { ...state, pending: withoutPending(state.pending, index) };
  const receiver = state.devices[entry.device];
  if (receiver === undefined) return state;
  const pending = event.kind === 'duplicate' ? state.pending : withoutPending(state.pending, index);
  const updated: DeviceState = { ...receiver, records: applyReply(receiver.records, entry.reply) };
  return { ...state, pending, devices: replaceAt(state.devices, entry.device, updated) };
}

function replaceAt<Item>(items: readonly Item[], index: number, item: Item): Item[] {
  return items.map((existing, position) => (position === index ? item : existing));
}
