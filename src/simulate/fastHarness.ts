/**
 * Typed-array twin of model/step.ts under the original harness (docs/protocol.md,
 * The network modes: seed), for full-scale simulation; held to the model by
 * test/simulate.test.ts (model state for state after every turn) and to the
 * object harness there too. Records are ids with their facts in typed arrays,
 * so 10 x 10^6 rounds run in seconds and well under 1 GB. A probe is classified
 * and answered by the model's own functions (isValidFrom, probeWindowFrom/End);
 * IdList.replaceTailFrom is applyReply's twin for such a window. Safety is
 * judged by the catalogue's S1-S3 through their typed-array twins (fastSafety.ts).
 */
import { deviceName, isValidFrom, probeWindowEnd, probeWindowFrom, type WireRecord } from '../../model/index.ts';
import { fastSafetyOf, type RecordFacts } from './fastSafety.ts';
import { harnessRandom, payloadOf, probabilitiesOf, PROGRESS_EVERY_ROUNDS, timestampOf, DEFAULT_MAX_DRAIN_ROUNDS, type HarnessOptions } from '../harness/harnessOptions.ts';
import type { HarnessResult } from '../harness/HarnessResult.ts';
import { HARNESS_SAFETY_IDS } from '../harness/harnessSafety.ts';
import { IdList } from './IdList.ts';

export type { RecordFacts } from './fastSafety.ts';

export interface FastRun {
  readonly result: HarnessResult;
  readonly devices: readonly IdList[];
  readonly facts: RecordFacts;
  /** The full record behind an id, built on demand. */
  readonly recordOf: (id: number) => WireRecord;
}

/** The run's state: the server's log and each device's list, as record ids, and the facts behind each id. */
export interface FastState {
  readonly log: IdList;
  readonly devices: readonly IdList[];
  readonly facts: RecordFacts;
  /** Records each device has sent. */
  readonly sentCounts: Int32Array;
}

/** The three chances of the original harness, as numbers a turn compares draws against. */
type Odds = ReturnType<typeof probabilitiesOf>;

/** The capacity each id list is given: the expected records plus slack (a luckier run just grows). */
export function listCapacity(options: Pick<HarnessOptions, 'devices' | 'rounds' | 'probabilities'>): number {
  return Math.ceil(options.rounds * options.devices * (1 - probabilitiesOf(options).noData) * 1.01) + 1024;
}

/** The state before the first round, sized for `options`. */
export function initialFastState(options: Pick<HarnessOptions, 'devices' | 'rounds' | 'probabilities'>): FastState {
  const expected = listCapacity(options);
  return {
    log: new IdList(expected),
    devices: Array.from({ length: options.devices }, () => new IdList(expected)),
    facts: { device: new IdList(expected), round: new IdList(expected), sequence: new IdList(expected) },
    sentCounts: new Int32Array(options.devices),
  };
}

/** The full record behind an id of a run with `seed`. */
export function recordFor(facts: RecordFacts, seed: number, id: number): WireRecord {
  const device = facts.device.at(id);
  return { type: 'record', timestamp: timestampOf(facts.round.at(id), device), dev_id: deviceName(device), data: payloadOf(seed, device, facts.sequence.at(id)) };
}

export function runFastHarness(options: HarnessOptions): FastRun {
  const random = harnessRandom(options.seed);
  const odds = probabilitiesOf(options);
  const state = initialFastState(options);
  const { log, devices, facts, sentCounts } = state;
  let messages = 0;
  let sampledSafety: string | undefined;
  for (let round = 0; round < options.rounds; round++) {
    for (let device = 0; device < options.devices; device++) {
      messages += 2;
      // obtainData(): a new record, or {} (its no-op reply is not read).
      if (random() >= odds.noData) {
        facts.device.push(device);
        facts.round.push(round);
        facts.sequence.push(sentCounts[device]!++);
        log.push(log.length);
      }
      // probe() forgets with this chance and sends {}, whose no-op reply still reaches onMessage.
      const probed = random() >= odds.forgetProbe;
      if (random() >= odds.loseReply && probed) probeAnswered(devices[device]!, log);
    }
    if (options.checkEvery && (round + 1) % options.checkEvery === 0) sampledSafety ??= fastSafetyOf(devices, facts, HARNESS_SAFETY_IDS);
    if ((round + 1) % PROGRESS_EVERY_ROUNDS === 0) options.onProgress?.(round + 1);
  }
  const drainRounds = drain(state, random, odds, options.maxDrainRounds ?? DEFAULT_MAX_DRAIN_ROUNDS);
  messages += drainRounds * options.devices;
  const original = originalCheck(devices, facts, options.devices);
  // Once every device holds every record, a passing original check has shown S1-S3 on
  // every device: each list equals dev_0's, which holds each sender's ids 0..k-1 in
  // order, once each (and the log holds ids 0..n-1 only). The twins would re-read
  // tens of millions of ids to say so again; they judge the end when it failed.
  const result: HarnessResult = {
    records: log.length,
    messages,
    drainRounds,
    originalCheck: original,
    endCheck: completenessOf(devices, log.length) ?? (original === undefined ? undefined : fastSafetyOf(devices, facts, HARNESS_SAFETY_IDS)),
    sampledSafety,
  };
  return { result, devices, facts, recordOf: (id) => recordFor(facts, options.seed, id) };
}

/**
 * A device's probe reaches the server and the reply reaches the device: the
 * model classifies and answers the probe; the window reply is applied when it
 * starts no further than the device's count (applyReply).
 */
function probeAnswered(device: IdList, log: IdList): void {
  const count = device.length;
  const logLength = log.length;
  if (!isValidFrom(count, logLength)) return;
  const from = probeWindowFrom(count, logLength);
  if (from <= count) device.replaceTailFrom(from, log, probeWindowEnd(count, logLength));
}

/** True when every device holds as many records: where the original drain stops. */
function drainDone(state: FastState): boolean {
  return state.devices.every((device) => device.length === state.devices[0]?.length);
}

/** The original drain: rounds of probe-and-hand-over until every device holds as many records. */
function drain(state: FastState, random: () => number, odds: Odds, limit: number): number {
  let rounds = 0;
  while (rounds < limit && !drainDone(state)) {
    rounds++;
    for (const device of state.devices) {
      const probed = random() >= odds.forgetProbe;
      if (random() >= odds.loseReply && probed) probeAnswered(device, state.log);
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
