import { describe, expect, it } from 'vitest';
import { applyReply, makeRecord, type RecordContent } from '../model/index.ts';
import { Device, DeviceCrash, ORIGINAL_PROBABILITIES, RELIABLE, type DeviceProbabilities } from '../src/reference/Device.ts';
import { randomUuid, seededRandom, type Random } from '../src/reference/randomness.ts';

const NOW = '2024-09-02T12:00:00.000Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A random function that returns `values` in order, then `thereafter` forever;
 * without `thereafter` it throws, so a test notices a draw it did not plan for.
 */
function scriptedRandom(values: readonly number[], thereafter?: number): Random {
  let position = 0;
  return () => {
    const value = values[position++] ?? thereafter;
    if (value === undefined) throw new Error(`scripted random exhausted after ${values.length} draws`);
    return value;
  };
}

function deviceWith(random: Random, index = 3, probabilities: DeviceProbabilities = ORIGINAL_PROBABILITIES): Device {
  return new Device(index, { random, clock: () => NOW, probabilities });
}

const content = (a: string): RecordContent => ({ timestamp: NOW, data: { a, b: 'b', c: 'c' } });
const first = makeRecord(0, content('first'));
const second = makeRecord(1, content('second'));
const third = makeRecord(2, content('third'));

/** A device that already holds `records`, put there by an update as a server would. */
function deviceHolding(records: readonly unknown[], random: Random = scriptedRandom([])): Device {
  const device = deviceWith(random);
  device.receive({ type: 'update', from: 0, data: records });
  return device;
}

describe('the original probabilities', () => {
  it('are 0.4 for no data, 0.5 for a forgotten probe, 0.6 for a lost reply', () => {
    expect(ORIGINAL_PROBABILITIES).toEqual({ noData: 0.4, forgetProbe: 0.5, loseReply: 0.6 });
  });
});

describe('obtainData', () => {
  // The comparison is strict: a draw equal to the probability does not count as a miss.
  it.each([{ draw: 0 }, { draw: 0.39 }])('returns {} and sends nothing when random() is $draw (< 0.4)', ({ draw }) => {
    const device = deviceWith(scriptedRandom([draw]));
    expect(device.obtainData()).toEqual({});
    expect(device.sent).toEqual([]);
  });

  it.each([{ draw: 0.4 }, { draw: 0.99 }])('returns a record when random() is $draw (>= 0.4)', ({ draw }) => {
    const device = deviceWith(scriptedRandom([draw], 0.5));
    const record = device.obtainData();
    expect(record).toEqual({
      type: 'record',
      dev_id: 'dev_3',
      timestamp: NOW,
      data: { a: expect.stringMatching(UUID) as unknown, b: expect.stringMatching(UUID) as unknown, c: expect.stringMatching(UUID) as unknown },
    });
  });

  it('appends the record to sent, not to records', () => {
    const device = deviceWith(seededRandom('sent'), 3, { ...ORIGINAL_PROBABILITIES, noData: 0 });
    const records = [device.obtainData(), device.obtainData()];
    expect(device.sent).toEqual(records);
    expect(device.records).toEqual([]);
  });

  it('takes the timestamp from the clock, read once per record', () => {
    const times = ['2024-01-01T00:00:00.000Z', '2024-01-01T00:00:01.000Z'];
    let reads = 0;
    const device = new Device(0, { random: seededRandom(1), clock: () => times[reads++] ?? 'too many reads', probabilities: { ...ORIGINAL_PROBABILITIES, noData: 0 } });
    device.obtainData();
    device.obtainData();
    expect(device.sent.map((record) => record.timestamp)).toEqual(times);
  });

  it('draws three different UUIDs for a, b and c', () => {
    const device = deviceWith(seededRandom('uuids'), 3, { ...ORIGINAL_PROBABILITIES, noData: 0 });
    device.obtainData();
    const data = device.sent[0]?.data;
    expect(new Set([data?.a, data?.b, data?.c]).size).toBe(3);
  });
});

describe('randomUuid', () => {
  // The version nibble is fixed at 4 and the variant nibble at 8..b, whatever the draws.
  it.each([
    { draw: 0, uuid: '00000000-0000-4000-8000-000000000000' },
    { draw: 0.999, uuid: 'ffffffff-ffff-4fff-bfff-ffffffffffff' },
  ])('makes $uuid from draws of $draw', ({ draw, uuid }) => {
    expect(randomUuid(scriptedRandom([], draw))).toBe(uuid);
  });
});

describe('probe', () => {
  it.each([{ draw: 0 }, { draw: 0.49 }])('returns {} when the device forgets (random() is $draw < 0.5)', ({ draw }) => {
    expect(deviceWith(scriptedRandom([draw])).probe()).toEqual({});
  });

  it.each([
    { draw: 0.5, held: [] },
    { draw: 0.9, held: [first, second] },
  ])('asks from the count it holds ($held.length) when random() is $draw', ({ draw, held }) => {
    const device = deviceHolding(held, scriptedRandom([draw]));
    expect(device.probe()).toEqual({ type: 'probe', dev_id: 'dev_3', from: held.length });
  });
});

describe('onMessage', () => {
  const reply = { type: 'update', from: 0, data: [first] };

  it.each([{ draw: 0 }, { draw: 0.59 }])('loses the reply when random() is $draw (< 0.6)', ({ draw }) => {
    const device = deviceWith(scriptedRandom([draw]));
    device.onMessage(reply);
    expect(device.records).toEqual([]);
    expect(device.revision).toBe(0);
  });

  it.each([{ draw: 0.6 }, { draw: 0.99 }])('applies the reply when random() is $draw (>= 0.6)', ({ draw }) => {
    const device = deviceWith(scriptedRandom([draw]));
    device.onMessage(reply);
    expect(device.records).toEqual([first]);
    expect(device.revision).toBe(1);
  });

  // The loss is decided before the reply is read, so a lost unreadable reply cannot crash it.
  it('does not crash on a reply it loses', () => {
    expect(() => deviceWith(scriptedRandom([0])).onMessage(null)).not.toThrow();
  });
});

describe('receive: applies replies like the pure model', () => {
  const update = (from: number, data: unknown[]) => ({ type: 'update', from, data });
  it.each([
    { name: 'from 0 replaces everything', reply: update(0, [third]), expected: [third] },
    { name: 'from 1 replaces the tail', reply: update(1, [third]), expected: [first, third] },
    { name: 'from the count appends', reply: update(2, [third]), expected: [first, second, third] },
    { name: 'from beyond the count is ignored', reply: update(3, [third]), expected: [first, second] },
    { name: 'from Infinity is ignored', reply: update(Infinity, [third]), expected: [first, second] },
    { name: 'from -1 keeps records[:-1], as Python', reply: update(-1, [third]), expected: [first, third] },
    { name: 'from -5 keeps records[:-5], as Python', reply: update(-5, []), expected: [] },
    { name: 'a no-op is ignored', reply: { type: 'noop' }, expected: [first, second] },
    { name: 'an error is ignored', reply: { type: 'error', message: 'x' }, expected: [first, second] },
  ])('$name', ({ reply, expected }) => {
    const device = deviceHolding([first, second]);
    device.receive(reply);
    expect(device.records).toEqual(expected);
    expect(device.records).toEqual(applyReply([first, second], reply));
  });

  // The original reads reply['type'] first: anything that is not an object with a type crashes it.
  it.each([
    { name: 'null', reply: null },
    { name: 'undefined', reply: undefined },
    { name: 'a number', reply: 42 },
    { name: 'a string', reply: 'update' },
    { name: 'an array', reply: [] },
    { name: 'an object without type', reply: { from: 0, data: [first] } },
  ])('crashes on $name', ({ reply }) => {
    const device = deviceHolding([first]);
    expect(() => device.receive(reply)).toThrow(DeviceCrash);
    expect(device.records).toEqual([first]);
  });
});

describe('seeded randomness: every choice flows from the seed', () => {
  /** What a device built from `seed` sends over `rounds` rounds of the original harness. */
  function messagesFrom(seed: string, rounds = 30): unknown[] {
    let tick = 0;
    const clock = () => new Date(Date.UTC(2024, 0, 1) + 1000 * tick++).toISOString();
    const device = new Device(2, { random: seededRandom(seed), clock });
    const messages: unknown[] = [];
    for (let round = 0; round < rounds; round++) {
      messages.push(device.obtainData(), device.probe());
      device.onMessage({ type: 'update', from: device.records.length, data: [first] });
    }
    return messages;
  }

  it('gives identical messages from two devices built alike with the same seed', () => {
    expect(messagesFrom('hall-1')).toEqual(messagesFrom('hall-1'));
  });

  it('gives different messages for different seeds', () => {
    expect(messagesFrom('hall-1')).not.toEqual(messagesFrom('hall-2'));
  });

  it.each([{ seed: 'a' }, { seed: 7 }])('seededRandom($seed) repeats its sequence', ({ seed }) => {
    const draws = (random: Random) => Array.from({ length: 5 }, () => random());
    expect(draws(seededRandom(seed))).toEqual(draws(seededRandom(seed)));
  });
});

describe('the reference device agrees with the model on updates it cannot apply', () => {
  it.each([{ reply: { type: 'update', from: 0 } }, { reply: { type: 'update', from: 0, data: 'x' } }])('$reply changes nothing', ({ reply }) => {
    const device = new Device(0, { random: () => 0.99, clock: () => 't', probabilities: RELIABLE });
    device.receive({ type: 'update', from: 0, data: ['a', 'b'] });
    device.receive(reply);
    expect(device.records).toEqual(applyReply(['a', 'b'], reply));
    expect(device.records).toEqual(['a', 'b']);
  });
});
