import { describe, expect, it } from 'vitest';
import { callService } from '../src/check/callService.ts';
import { networkCopy, NotTransferable } from '../src/check/networkCopy.ts';
import { malformedReplyReason } from '../properties/index.ts';

describe('networkCopy: messages cross as JSON would, but keep non-finite numbers', () => {
  it('copies deeply', () => {
    const original = { type: 'update', data: [{ data: { a: 'x' } }] };
    const copy = networkCopy(original) as typeof original;
    copy.data[0]!.data.a = 'changed';
    expect(original.data[0]?.data.a).toBe('x');
  });

  it.each([
    { input: { a: undefined, b: 1 }, output: { b: 1 } },
    { input: [undefined, 1], output: [null, 1] },
    { input: { from: Infinity, low: -Infinity, odd: Number.NaN }, output: { from: Infinity, low: -Infinity, odd: Number.NaN } },
    { input: { f: () => 1, keep: 'yes' }, output: { keep: 'yes' } },
    { input: undefined, output: undefined },
  ])('$input -> $output', ({ input, output }) => {
    expect(networkCopy(input)).toEqual(output);
  });

  it.each([{ value: 1n }, { value: Symbol('s') }, { value: () => 1 }])('refuses $value', ({ value }) => {
    expect(() => networkCopy(value)).toThrow(NotTransferable);
  });

  it('refuses a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => networkCopy(cyclic)).toThrow(NotTransferable);
  });
});

describe('callService: every way a call can end', () => {
  it.each([
    { name: 'a reply', onMessage: () => ({ type: 'noop' }), outcome: { kind: 'reply', value: { type: 'noop' } } },
    { name: 'a throw', onMessage: () => { throw new Error('boom'); }, outcome: { kind: 'threw', error: 'Error: boom' } },
    { name: 'a rejection', onMessage: () => Promise.reject(new TypeError('no')), outcome: { kind: 'threw', error: 'TypeError: no' } },
    { name: 'a hang', onMessage: () => new Promise(() => {}), outcome: { kind: 'timeout', ms: 20 } },
    { name: 'a cycle', onMessage: () => { const reply: Record<string, unknown> = {}; reply.self = reply; return reply; }, outcome: { kind: 'garbled', error: 'it contains a cycle (an object inside itself)' } },
  ])('$name', async ({ onMessage, outcome }) => {
    expect(await callService({ onMessage }, {}, 20)).toEqual(outcome);
  });

  it('hands the service a copy', async () => {
    const message = { type: 'probe', from: 0 };
    await callService({ onMessage: (received) => ((received as { from: number }).from = 9) }, message, 20);
    expect(message.from).toBe(0);
  });
});

describe('S5: malformedReplyReason', () => {
  const record = { type: 'record', dev_id: 'dev_0', timestamp: 't', data: { a: 'a', b: 'b', c: 'c' } };
  it.each([
    { reply: { type: 'noop' } },
    { reply: { type: 'error', message: 'x' } },
    { reply: { type: 'update', from: 0, data: [record] } },
    { reply: { type: 'update', from: 2, data: [] } },
    { reply: { type: 'update', from: 3, data: [] } },
    { reply: { type: 'update', from: Infinity, data: [] } },
  ])('accepts $reply (device holds 2)', ({ reply }) => {
    expect(malformedReplyReason(reply, 2)).toBeUndefined();
  });

  it.each([
    { reply: undefined, reason: 'reply is undefined, not an object with a type' },
    { reply: null, reason: 'reply is null, not an object with a type' },
    { reply: [], reason: 'reply is [], not an object with a type' },
    { reply: {}, reason: 'reply has no string type: {}' },
    { reply: { type: 'update', from: 0 }, reason: 'update has no data array' },
    { reply: { type: 'update', from: 0, data: [{ a: 'x' }] }, reason: 'update data[0] is not a record' },
    { reply: { type: 'update', from: -1, data: [] }, reason: 'update from is -1: not a count' },
    { reply: { type: 'update', from: 0.5, data: [] }, reason: 'update from is 0.5: not a count' },
    { reply: { type: 'update', from: Number.NaN, data: [] }, reason: 'update from is NaN, not a number' },
    { reply: { type: 'update', from: '1', data: [] }, reason: 'update from is "1", not a number' },
  ])('rejects $reply', ({ reply, reason }) => {
    expect(malformedReplyReason(reply, 2)).toContain(reason);
  });
});

describe('a __proto__ key from the wire', () => {
  it('stays a plain field of the copy (as JSON.parse keeps it), never the copy\'s prototype', () => {
    const reply = JSON.parse('{"type":"update","from":0,"__proto__":{"data":[1]}}') as Record<string, unknown>;
    const copied = networkCopy(reply) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(Object.keys(copied)).toEqual(['type', 'from', '__proto__']);
    expect(copied.data).toBeUndefined();
  });
});
