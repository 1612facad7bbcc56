import { describe, expect, it } from 'vitest';
import { describeValue, malformedReplyReason } from '../properties/replyValidation.ts';
import type { StepObservation } from '../properties/observation.ts';
import { checkRefinement } from '../properties/checks/replyChecks.ts';

const record = { type: 'record', dev_id: 'dev_0', timestamp: '2024-09-02T12:00:00.000Z', data: { a: 'a', b: 'b', c: 'c' } };
const otherRecord = { ...record, dev_id: 'dev_1', data: { a: 'x', b: 'y', c: 'z' } };

/** The device in every case holds this many records, so `from` 0..2 are counts and 3 is beyond. */
const COUNT = 2;

describe('S5 malformedReplyReason: well-formed replies', () => {
  it.each([
    { name: 'a no-op', reply: { type: 'noop' } },
    { name: 'an error message', reply: { type: 'error', message: 'x' } },
    { name: 'any other string type, which the device ignores', reply: { type: 'welcome' } },
    { name: 'an update from 0 with records', reply: { type: 'update', from: 0, data: [record, otherRecord] } },
    { name: 'an update from 1 with a record', reply: { type: 'update', from: 1, data: [otherRecord] } },
    { name: 'an update from the count with nothing new', reply: { type: 'update', from: COUNT, data: [] } },
    // The device ignores an update that starts beyond what it holds, so it is harmless.
    { name: 'an update from count + 1', reply: { type: 'update', from: COUNT + 1, data: [] } },
    { name: 'an update from Infinity', reply: { type: 'update', from: Infinity, data: [record] } },
    // Only the fields the seed's equivalence reads must be strings; extra fields are ignored.
    { name: 'an update whose record carries extra fields', reply: { type: 'update', from: 0, data: [{ ...record, seq: 7 }] } },
    { name: 'an update with extra fields', reply: { type: 'update', from: 0, data: [], note: 'x' } },
    // The exercise's Device returns on `from > len(records)` before it reads data: no data is harmless there.
    { name: 'an update from Infinity without data', reply: { type: 'update', from: Infinity } },
    { name: 'an update from count + 1 whose data is a string', reply: { type: 'update', from: COUNT + 1, data: 'x' } },
    { name: 'an update from the Python float 3.0 (beyond the count)', reply: { type: 'update', from: { $float: 3 } } },
    { name: 'an update from a tuple beyond the count', reply: { type: 'update', from: COUNT + 1, data: { $tuple: [record] } } },
  ])('accepts $name', ({ reply }) => {
    expect(malformedReplyReason(reply, COUNT)).toBeUndefined();
  });

  it.each([{ count: 0 }, { count: 1 }, { count: 5 }])('accepts every from in 0..$count for a device holding $count', ({ count }) => {
    for (let from = 0; from <= count; from++) {
      expect(malformedReplyReason({ type: 'update', from, data: [record] }, count)).toBeUndefined();
    }
  });
});

describe('S5 malformedReplyReason: malformed replies, each with a reason', () => {
  const update = (fields: Record<string, unknown>) => ({ type: 'update', from: 0, data: [record], ...fields });
  const recordWithoutDevId = { type: 'record', timestamp: record.timestamp, data: record.data };
  it.each([
    { name: 'undefined', reply: undefined, reason: 'reply is undefined, not an object with a type' },
    { name: 'null', reply: null, reason: 'reply is null, not an object with a type' },
    { name: 'a number', reply: 42, reason: 'reply is 42, not an object with a type' },
    { name: 'a string', reply: 'x', reason: 'reply is "x", not an object with a type' },
    { name: 'an array', reply: [], reason: 'reply is [], not an object with a type' },
    { name: 'an object without type', reply: {}, reason: 'reply has no string type' },
    { name: 'a numeric type', reply: { type: 3 }, reason: 'reply has no string type' },
    { name: 'an update without data', reply: { type: 'update', from: 0 }, reason: 'update has no data array' },
    { name: 'an update whose data is an object', reply: update({ data: { 0: record } }), reason: 'update has no data array' },
    { name: 'an update whose data is a string', reply: update({ data: 'records' }), reason: 'update has no data array' },
    { name: 'a record without dev_id', reply: update({ data: [recordWithoutDevId] }), reason: 'update data[0] is not a record' },
    { name: 'a record without data.c', reply: update({ data: [record, { ...record, data: { a: 'a', b: 'b' } }] }), reason: 'update data[1] is not a record' },
    { name: 'a record whose data.a is a number', reply: update({ data: [{ ...record, data: { a: 1, b: 'b', c: 'c' } }] }), reason: 'update data[0] is not a record' },
    { name: 'null among the records', reply: update({ data: [null] }), reason: 'update data[0] is not a record' },
    { name: 'an update without from', reply: { type: 'update', data: [] }, reason: 'update from is undefined, not a number' },
    { name: 'an update from NaN', reply: update({ from: Number.NaN }), reason: 'update from is NaN, not a number' },
    { name: 'an update from the string "1"', reply: update({ from: '1' }), reason: 'update from is "1", not a number' },
    // A negative from would make the reference device drop records (Python slicing).
    { name: 'an update from -1', reply: update({ from: -1 }), reason: 'update from is -1: not a count' },
    { name: 'an update from -Infinity', reply: update({ from: -Infinity }), reason: 'update from is -Infinity: not a count' },
    { name: 'an update from 0.5', reply: update({ from: 0.5 }), reason: 'update from is 0.5: not a count' },
    // Python types the wire keeps apart (the adapter tags them): each crashes the exercise's Device.
    { name: 'an update from the Python float 1.0', reply: update({ from: { $float: 1 } }), reason: 'update from is 1.0 (a float), not an int' },
    { name: 'an update from True', reply: update({ from: true }), reason: 'update from is True (a bool), not an int' },
    { name: 'an update from False', reply: update({ from: false }), reason: 'update from is False (a bool), not an int' },
    { name: 'an update whose data is a tuple', reply: update({ data: { $tuple: [record] } }), reason: 'update data is a tuple of 1: [' },
    { name: 'an update whose record is a tuple', reply: update({ data: [{ $tuple: ['dev_0'] }] }), reason: 'update data[0] is not a record: a tuple of 1' },
    { name: 'a tuple for a reply', reply: { $tuple: ['update', 0, []] }, reason: 'reply is a tuple of 3: ["update",0,[]], not an object with a type' },
    { name: 'an update without data from the count', reply: { type: 'update', from: COUNT }, reason: 'update has no data array: data is undefined' },
    { name: 'an update from None without data', reply: { type: 'update', from: null }, reason: 'update has no data array' },
  ])('rejects $name', ({ reply, reason }) => {
    expect(malformedReplyReason(reply, COUNT)).toContain(reason);
  });
});

describe('describeValue: a short, one-line rendering for messages', () => {
  it.each([
    { name: 'undefined', value: undefined, text: 'undefined' },
    { name: 'null', value: null, text: 'null' },
    { name: 'a string, quoted', value: 'x', text: '"x"' },
    { name: 'Infinity', value: Infinity, text: 'Infinity' },
    { name: '-Infinity', value: -Infinity, text: '-Infinity' },
    { name: 'NaN', value: Number.NaN, text: 'NaN' },
    // JSON would write null here, hiding the very value that made the reply odd.
    { name: 'Infinity inside an object', value: { from: Infinity }, text: '{"from":"Infinity"}' },
    { name: 'NaN inside an array', value: [Number.NaN], text: '["NaN"]' },
    // Values JSON cannot write still show their type instead of throwing.
    { name: 'a bigint', value: 1n, text: '<bigint>' },
    { name: 'a function', value: () => 1, text: '<function>' },
  ])('renders $name as $text', ({ value, text }) => {
    expect(describeValue(value)).toBe(text);
  });

  it('renders a cycle by its type instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('<object>');
  });

  it.each([
    { name: 'a string of 118 characters (120 with quotes)', value: 'x'.repeat(118), length: 120, truncated: false },
    { name: 'a string of 119 characters', value: 'x'.repeat(119), length: 120, truncated: true },
    { name: 'a long string', value: 'x'.repeat(1000), length: 120, truncated: true },
    { name: 'a long array of records', value: Array.from({ length: 50 }, () => record), length: 120, truncated: true },
  ])('keeps $name within 120 characters', ({ value, length, truncated }) => {
    const text = describeValue(value);
    expect(text).toHaveLength(length);
    expect(text.endsWith('...')).toBe(truncated);
    expect(text).not.toContain('\n');
  });

  it('keeps the reason for a huge malformed reply short', () => {
    const reply = { type: 'update', from: 0, data: 'not an array', padding: 'x'.repeat(10_000) };
    const reason = malformedReplyReason(reply, COUNT) ?? '';
    expect(reason.length).toBeLessThanOrEqual('update has no data array: '.length + 120);
  });
});

describe('R1 checkRefinement: names what differs, not two truncated replies', () => {
  const probe = (value: unknown, modelReply: unknown) =>
    ({
      mode: 'fifo',
      event: { kind: 'probe', device: 0 },
      sent: { kind: 'probe', message: { type: 'probe', from: 0 }, device: 0 },
      outcome: { kind: 'reply', value },
      modelReply,
      devices: [],
      countsBefore: [0],
    }) as unknown as StepObservation;
  const model = { type: 'update', from: 0, data: [record, otherRecord] };
  it.each([
    { name: 'a shorter data list', reply: { ...model, data: [record] }, text: "reply.data has 1 item where the model's has 2" },
    { name: 'a different record', reply: { ...model, data: [record, { ...otherRecord, timestamp: 'x' }] }, text: 'reply.data[1].timestamp is "x" where' },
    { name: 'no data', reply: { type: 'update', from: 0 }, text: "reply has no data; the model's is [" },
    { name: 'a different from', reply: { ...model, from: Infinity }, text: "reply.from is Infinity where the model's is 0" },
    { name: 'an extra field', reply: { ...model, note: 1 }, text: 'reply has an extra note: 1' },
  ])('$name', ({ reply, text }) => {
    expect(checkRefinement(probe(reply, model))).toContain(text);
  });

  it('accepts the model reply itself', () => {
    expect(checkRefinement(probe(structuredClone(model), model))).toBeUndefined();
  });
});
