/** The protocol's transition function: step(state, event) -> state. */
import { applyReply } from './device.ts';
import type { ModelEvent } from './events.ts';
import { deviceName, makeRecord } from './messages.ts';
import { pickPending, withoutPending } from './network.ts';
import { serverStep } from './server.ts';
import type { DeviceState, ModelState } from './state.ts';

/** The message a device sends for a send event, or undefined for other events. */
export function messageFor(state: ModelState, event: ModelEvent): unknown {
  switch (event.kind) {
    case 'emit':
      return makeRecord(event.device, event.content);
    case 'probe':
      return { type: 'probe', dev_id: deviceName(event.device), from: state.devices[event.device]?.records.length ?? 0 };
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
      return deliver(state, event.pick, event.kind === 'deliver');
    case 'drop':
      return drop(state, event.pick);
  }
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

function deliver(state: ModelState, pick: number, consume: boolean): ModelState {
  if (!consume && state.mode !== 'reorder') return state;
  const index = pickPending(state.pending, state.mode, pick, true);
  const entry = index === undefined ? undefined : state.pending[index];
  const receiver = entry === undefined ? undefined : state.devices[entry.device];
  if (index === undefined || entry === undefined || receiver === undefined) return state;
  const updated: DeviceState = { ...receiver, records: applyReply(receiver.records, entry.reply) };
  const pending = consume ? withoutPending(state.pending, index) : state.pending;
  return { ...state, pending, devices: replaceAt(state.devices, entry.device, updated) };
}

function drop(state: ModelState, pick: number): ModelState {
  const index = pickPending(state.pending, state.mode, pick, false);
  if (index === undefined) return state;
  return { ...state, pending: withoutPending(state.pending, index) };
}

function replaceAt<Item>(items: readonly Item[], index: number, item: Item): Item[] {
  return items.map((existing, position) => (position === index ? item : existing));
}
