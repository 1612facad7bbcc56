import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerProbe,
  applyReply,
  classifyMessage,
  initialState,
  invalidFromReason,
  isValidFrom,
  keptCount,
  makeProbe,
  makeRecord,
  NOT_AN_OBJECT,
  pickPending,
  probeWindowEnd,
  probeWindowFrom,
  replyEffect,
  serverStep,
  step,
  type ModelEvent,
  type ModelState,
  type NetworkMode,
  type PendingReply,
} from '../model/index.ts';

const content = (a: string) => ({ timestamp: '2024-09-02T12:00:00.000Z', data: { a, b: 'b', c: 'c' } });
const r0 = makeRecord(0, content('x'));
const r1 = makeRecord(1, content('y'));

function run(mode: NetworkMode, deviceCount: number, events: readonly ModelEvent[]): ModelState {
  return events.reduce(step, initialState(mode, deviceCount));
}

/** Freezes a value and everything inside it, so a mutation would throw. */
function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

describe('serverStep: the reference server as a pure function', () => {
  it('appends a record and answers a probe with the log from `from`', () => {
    const afterRecords = serverStep(serverStep([], r0).log, r1);
    expect(afterRecords.log).toEqual([r0, r1]);
    expect(serverStep(afterRecords.log, { type: 'probe', dev_id: 'dev_0', from: 1 }).reply).toEqual({ type: 'update', from: 1, data: [r1] });
    expect(serverStep(afterRecords.log, {}).reply).toEqual({ type: 'noop' });
  });

  it.each([
    { message: null },
    { message: [] },
    { message: 'probe' },
    { message: 3 },
    { message: { dev_id: 'dev_0' } },
    { message: { type: 'hello' } },
    { message: { type: 'probe', dev_id: 'dev_0' } },
    { message: { type: 'probe', from: -1 } },
    { message: { type: 'probe', from: 0.5 } },
    { message: { type: 'probe', from: Number.NaN } },
    { message: { type: 'probe', from: '0' } },
    { message: { type: 'probe', from: 2 } },
  ])('answers $message with an error and keeps the log', ({ message }) => {
    const { log, reply } = serverStep([r0], message);
    expect(log).toEqual([r0]);
    expect(reply).toMatchObject({ type: 'error' });
  });
});

describe('the decision functions serverStep is made of', () => {
  it.each([
    { message: {}, expected: { kind: 'empty' } },
    { message: r0, expected: { kind: 'record', record: r0 } },
    { message: makeProbe(0, 1), expected: { kind: 'probe', from: 1 } },
    { message: null, expected: { kind: 'bad', reason: NOT_AN_OBJECT } },
    { message: [], expected: { kind: 'bad', reason: NOT_AN_OBJECT } },
    { message: { type: 'hello' }, expected: { kind: 'bad', reason: 'unknown message type "hello"' } },
    { message: { type: 'probe', from: 2 }, expected: { kind: 'bad', reason: 'from 2 is beyond the 1 records received' } },
    { message: { type: 'probe', from: -1 }, expected: { kind: 'bad', reason: 'from must not be negative, got -1' } },
    { message: { type: 'probe', from: 0.5 }, expected: { kind: 'bad', reason: 'from must be an integer, got 0.5' } },
    { message: { type: 'probe' }, expected: { kind: 'bad', reason: 'from must be a number, got nothing' } },
    { message: { type: 'probe', from: '0' }, expected: { kind: 'bad', reason: 'from must be a number, got string' } },
  ])('classifyMessage($message) against a log of 1', ({ message, expected }) => {
    expect(classifyMessage(message, 1)).toEqual(expected);
  });

  it('the error reply carries the classification reason; a record is not answered', () => {
    expect(serverStep([r0], { type: 'probe', from: 3 }).reply).toEqual({ type: 'error', message: 'from 3 is beyond the 1 records received' });
    expect(serverStep([], r0).reply).toBeUndefined();
  });

  it('isValidFrom is exactly "invalidFromReason gives no reason"', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -3, max: 8 }), fc.double(), fc.constant(undefined), fc.string()), fc.nat(6), (from, length) => {
        expect(isValidFrom(from, length)).toBe(invalidFromReason(from, length) === undefined);
      }),
    );
  });

  it("answerProbe's packed twin: the window [probeWindowFrom, probeWindowEnd) of the log is the update's data", () => {
    fc.assert(
      fc.property(fc.nat(6), fc.nat(6), (length, at) => {
        const log = Array.from({ length }, (_unused, index) => makeRecord(index % 2, content(`r${index}`)));
        const from = Math.min(at, length);
        const reply = answerProbe(log, from);
        expect(reply).toEqual({ type: 'update', from: probeWindowFrom(from, length), data: log.slice(probeWindowFrom(from, length), probeWindowEnd(from, length)) });
      }),
    );
  });

  it('replyEffect keeps what slice(0, from) keeps, and ignores what applyReply ignores', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -6, max: 8 }), fc.double()), fc.nat(5), (from, count) => {
        const records = Array.from({ length: count }, (_unused, index) => index);
        const effect = replyEffect(count, { type: 'update', from, data: ['x'] });
        if (from > count) expect(effect).toBeUndefined();
        else expect(effect).toEqual({ keep: records.slice(0, from).length, data: ['x'] });
        expect(keptCount(from, count)).toBe(records.slice(0, from).length);
      }),
    );
  });
});

describe('applyReply: the device as a pure function', () => {
  it.each([
    { name: 'replaces the tail from `from`', records: [r0, r1], reply: { type: 'update', from: 1, data: [r0] }, expected: [r0, r0] },
    { name: 'appends at the count', records: [r0], reply: { type: 'update', from: 1, data: [r1] }, expected: [r0, r1] },
    { name: 'ignores an update from beyond the count', records: [r0], reply: { type: 'update', from: 2, data: [r1] }, expected: [r0] },
    { name: 'ignores other types', records: [r0], reply: { type: 'noop' }, expected: [r0] },
    { name: 'slices like Python for a negative from', records: [r0, r1], reply: { type: 'update', from: -1, data: [] }, expected: [r0] },
  ])('$name', ({ records, reply, expected }) => {
    expect(applyReply(records, reply)).toEqual(expected);
  });
});

describe('pickPending', () => {
  const pending: PendingReply[] = [
    { id: 1, device: 0, reply: 'a' },
    { id: 2, device: 1, reply: 'b' },
    { id: 3, device: 0, reply: 'c' },
  ];
  it.each([
    { mode: 'reorder', pick: 0, delivery: true, index: 2, why: 'pick 0 is the newest' },
    { mode: 'reorder', pick: 4, delivery: true, index: 1, why: 'picks wrap around' },
    { mode: 'fifo', pick: 0, delivery: true, index: 0, why: "a delivery takes the oldest of the chosen reply's device" },
    { mode: 'fifo', pick: 0, delivery: false, index: 2, why: 'a loss can strike any reply' },
    { mode: 'seed', pick: 1, delivery: true, index: 1, why: 'the only reply of device 1' },
  ] as const)('$mode pick $pick (delivery: $delivery) -> $index: $why', ({ mode, pick, delivery, index }) => {
    expect(pickPending(pending, mode, pick, delivery)).toBe(index);
  });

  it('finds nothing when nothing is pending', () => {
    expect(pickPending([], 'reorder', 0, true)).toBeUndefined();
  });
});

describe('step', () => {
  const emit: ModelEvent = { kind: 'emit', device: 0, content: content('x') };

  it('emit, probe, deliver: the device holds its record', () => {
    const state = run('fifo', 1, [emit, { kind: 'probe', device: 0 }, { kind: 'deliver', pick: 0 }]);
    expect(state.devices[0]).toEqual({ records: [r0], sent: [r0] });
    expect(state.pending).toEqual([]);
    expect(state.nextReplyId).toBe(2);
  });

  it('numbers replies from 1, over probes and empty messages only', () => {
    const state = run('reorder', 2, [emit, { kind: 'empty', device: 1 }, { kind: 'probe', device: 0 }]);
    expect(state.pending.map((entry) => [entry.id, entry.device])).toEqual([[1, 1], [2, 0]]);
  });

  it('a drop loses the reply', () => {
    const state = run('fifo', 1, [emit, { kind: 'probe', device: 0 }, { kind: 'drop', pick: 0 }, { kind: 'deliver', pick: 0 }]);
    expect(state.devices[0]?.records).toEqual([]);
  });

  it.each([
    { mode: 'reorder', pendingAfter: 1, records: [r0] },
    { mode: 'fifo', pendingAfter: 1, records: [] },
  ] as const)('duplicate in $mode mode', ({ mode, pendingAfter, records }) => {
    const state = run(mode, 1, [emit, { kind: 'probe', device: 0 }, { kind: 'duplicate', pick: 0 }]);
    expect(state.pending).toHaveLength(pendingAfter);
    expect(state.devices[0]?.records).toEqual(records);
  });

  it('events that name nothing change nothing', () => {
    const start = initialState('reorder', 1);
    for (const event of [{ kind: 'deliver', pick: 0 }, { kind: 'drop', pick: 3 }, { kind: 'probe', device: 5 }] as const) {
      expect(step(start, event)).toEqual(start);
    }
  });

  it('never mutates its input', () => {
    const events: ModelEvent[] = [emit, { kind: 'probe', device: 0 }, { kind: 'duplicate', pick: 0 }, { kind: 'deliver', pick: 0 }, { kind: 'junk', message: null }];
    let state = deepFreeze(initialState('reorder', 2));
    for (const event of events) state = deepFreeze(step(state, event));
    expect(state.devices[0]?.records).toEqual([r0]);
  });
});
