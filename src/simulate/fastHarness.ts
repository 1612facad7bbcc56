/**
 * The original harness (PROTOCOL.md section 3) with the reference server, at full
 * scale: records are ids with their facts in typed arrays, so 10 x 10^6 rounds run
 * in seconds and well under 1 GB. Same random stream, same decisions, same
 * records, same order as the object harness (a test holds them to it).
 */
import { deviceName, type WireRecord } from '../../model/index.ts';
import { harnessRandom, payloadOf, probabilitiesOf, PROGRESS_EVERY_ROUNDS, timestampOf, DEFAULT_MAX_DRAIN_ROUNDS, type HarnessOptions } from './harnessOptions.ts';
import type { HarnessResult } from './HarnessResult.ts';
import { IdList } from './IdList.ts';

/** The records the run created, as facts per id. */
export interface RecordFacts {
  readonly device: IdList;
  readonly round: IdList;
  /** The record's position in its sender's sent list. */
  readonly sequence: IdList;
}

export interface FastRun {
  readonly result: HarnessResult;
  readonly devices: readonly IdList[];
  readonly facts: RecordFacts;
  /** The full record behind an id, built on demand. */
  readonly recordOf: (id: number) => WireRecord;
}

/** The capacity each id list is given: the expected records plus slack (a luckier run just grows). */
export function listCapacity(options: Pick<HarnessOptions, 'devices' | 'rounds' | 'probabilities'>): number {
  return Math.ceil(options.rounds * options.devices * (1 - probabilitiesOf(options).noData) * 1.01) + 1024;
}

export function runFastHarness(options: HarnessOptions): FastRun {
  const random = harnessRandom(options.seed);
  const odds = probabilitiesOf(options);
  const expected = listCapacity(options);
  const log = new IdList(expected);
  const devices = Array.from({ length: options.devices }, () => new IdList(expected));
  const facts: RecordFacts = { device: new IdList(expected), round: new IdList(expected), sequence: new IdList(expected) };
  const sentCounts = new Int32Array(options.devices);
  let messages = 0;
  let sampledSafety: string | undefined;
  for (let round = 0; round < options.rounds; round++) {
    for (let device = 0; device < options.devices; device++) {
      messages += 2;
      if (random() >= odds.noData) {
        facts.device.push(device);
        facts.round.push(round);
        facts.sequence.push(sentCounts[device]!++);
        log.push(log.length);
      }
      // probe() forgets with this chance and sends {}, whose no-op reply still reaches onMessage.
      const probed = random() >= odds.forgetProbe;
      const list = devices[device]!;
      const from = list.length;
      if (random() >= odds.loseReply && probed) list.replaceTailFrom(from, log);
    }
    if (options.checkEvery && (round + 1) % options.checkEvery === 0) sampledSafety ??= safetyOf(devices, facts);
    if ((round + 1) % PROGRESS_EVERY_ROUNDS === 0) options.onProgress?.(round + 1);
  }
  const drainRounds = drain(devices, log, random, odds.forgetProbe, odds.loseReply, options.maxDrainRounds ?? DEFAULT_MAX_DRAIN_ROUNDS);
  messages += drainRounds * options.devices;
  const recordOf = (id: number): WireRecord => {
    const device = facts.device.at(id);
    return {
      type: 'record',
      timestamp: timestampOf(facts.round.at(id), device),
      dev_id: deviceName(device),
      data: payloadOf(options.seed, device, facts.sequence.at(id)),
    };
  };
  const result: HarnessResult = {
    records: log.length,
    messages,
    drainRounds,
    originalCheck: originalCheck(devices, facts, options.devices),
    endCheck: completenessOf(devices, log.length) ?? safetyOf(devices, facts),
    sampledSafety,
  };
  return { result, devices, facts, recordOf };
}

/** The original drain: rounds of probe-and-hand-over until every device holds as many records. */
function drain(devices: readonly IdList[], log: IdList, random: () => number, forget: number, lose: number, limit: number): number {
  let rounds = 0;
  while (rounds < limit && !devices.every((device) => device.length === devices[0]?.length)) {
    rounds++;
    for (const device of devices) {
      const probed = random() >= forget;
      if (random() >= lose && probed) device.replaceTailFrom(device.length, log);
    }
  }
  return rounds;
}

/** testSyncing's check: device 0's records, in order, against each sender's sent list and every other device. */
function originalCheck(devices: readonly IdList[], facts: RecordFacts, deviceCount: number): string | undefined {
  const first = devices[0];
  if (first === undefined) return undefined;
  if (!devices.every((device) => device.length === first.length)) return 'the drain ended before all devices held as many records';
  const nextUnmatched = new Int32Array(deviceCount);
  const [ids, senders, sequences] = [first.view(), facts.device.view(), facts.sequence.view()];
  const lists = devices.map((device) => device.view());
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index]!;
    const sender = senders[id]!;
    if (sequences[id] !== nextUnmatched[sender]) return `dev_0[${index}] is not ${deviceName(sender)}'s next sent record`;
    nextUnmatched[sender]!++;
    for (let other = 1; other < lists.length; other++) {
      if (lists[other]![index] !== id) return `${deviceName(other)}[${index}] differs from dev_0[${index}]`;
    }
  }
  return undefined;
}

/** Ours: every sent record on every device (the original never asks). */
function completenessOf(devices: readonly IdList[], total: number): string | undefined {
  const short = devices.findIndex((device) => device.length !== total);
  return short < 0 ? undefined : `${deviceName(short)} holds ${devices[short]?.length} of ${total} records`;
}

/** S1 and S3 over ids: every list a prefix of the longest; each sender's records consecutive from its first. */
function safetyOf(devices: readonly IdList[], facts: RecordFacts): string | undefined {
  const longest = devices.reduce((best, device) => (device.length > best.length ? device : best));
  const [reference, senders, sequences] = [longest.view(), facts.device.view(), facts.sequence.view()];
  for (const [index, device] of devices.entries()) {
    const ids = device.view();
    const nextPerSender = new Int32Array(devices.length);
    for (let position = 0; position < ids.length; position++) {
      const id = ids[position]!;
      if (id !== reference[position]) return `S1: ${deviceName(index)} disagrees with the longest list at index ${position}`;
      const sender = senders[id]!;
      if (sequences[id] !== nextPerSender[sender]) return `S3: ${deviceName(index)}[${position}] breaks ${deviceName(sender)}'s order`;
      nextPerSender[sender]!++;
    }
  }
  return undefined;
}
