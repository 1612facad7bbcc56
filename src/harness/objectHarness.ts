/**
 * The original harness with any implementation: real Device objects, real
 * messages (deep-copied as a network would), the original drain and check,
 * then our stronger end checks. Straightforward, and the yardstick the fast
 * harness is held to.
 */
import { sameRecord } from '../../model/index.ts';
import { convergenceGap, propertyById, type CallOutcome, type DeviceView, type StepObservation } from '../../properties/index.ts';
import { callService } from '../check/callService.ts';
import type { ServiceLike } from '../check/service.ts';
import { Device, type DeviceOptions } from '../reference/Device.ts';
import { harnessRandom, payloadOf, probabilitiesOf, PROGRESS_EVERY_ROUNDS, timestampOf, DEFAULT_MAX_DRAIN_ROUNDS, type HarnessOptions } from './harnessOptions.ts';
import type { HarnessResult } from './HarnessResult.ts';
import { HARNESS_SAFETY_IDS, type HarnessSafetyId } from './harnessSafety.ts';

export interface ObjectRun {
  readonly result: HarnessResult;
  readonly devices: readonly Device[];
}

/** Thrown when the server threw, hung or crashed on a message: the harness stops there. */
class ServerFailure extends Error {}

/** How long one reply may take in a simulation, unless the options say otherwise. */
export const DEFAULT_SIMULATION_TIMEOUT_MS = 1000;

export async function runObjectHarness(service: ServiceLike, options: HarnessOptions): Promise<ObjectRun> {
  let round = 0;
  let turn = 0;
  const deviceOptions: DeviceOptions = {
    random: harnessRandom(options.seed),
    clock: () => timestampOf(round, turn),
    probabilities: probabilitiesOf(options),
    payload: (device, sequence) => payloadOf(options.seed, device, sequence),
  };
  const devices = Array.from({ length: options.devices }, (_unused, index) => new Device(index, deviceOptions));
  let messages = 0;
  let sampledSafety: string | undefined;
  let drainRounds = 0;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SIMULATION_TIMEOUT_MS;
  const send = async (message: unknown): Promise<unknown> => {
    messages++;
    const outcome = await callService(service, message, timeoutMs);
    if (outcome.kind === 'reply') return outcome.value;
    throw new ServerFailure(`message ${messages}: ${failureText(outcome)}`);
  };
  const recordsSent = (): number => devices.reduce((sum, device) => sum + device.sent.length, 0);
  try {
    for (round = 0; round < options.rounds; round++) {
      for (turn = 0; turn < devices.length; turn++) {
        const device = devices[turn]!;
        await send(device.obtainData());
        device.onMessage(await send(device.probe()));
      }
      if (options.checkEvery && (round + 1) % options.checkEvery === 0) sampledSafety ??= safetyOf(devices);
      if ((round + 1) % PROGRESS_EVERY_ROUNDS === 0) options.onProgress?.(round + 1);
    }
    const limit = options.maxDrainRounds ?? DEFAULT_MAX_DRAIN_ROUNDS;
    while (drainRounds < limit && !devices.every((device) => device.records.length === devices[0]?.records.length)) {
      drainRounds++;
      for (const device of devices) device.onMessage(await send(device.probe()));
    }
  } catch (error) {
    if (!(error instanceof ServerFailure)) throw error;
    const result: HarnessResult = { records: recordsSent(), messages, drainRounds, originalCheck: undefined, endCheck: undefined, sampledSafety, serverFailure: error.message };
    return { result, devices };
  }
  const views = devices.map((device): DeviceView => ({ id: device.id, records: device.records, sent: device.sent }));
  const result: HarnessResult = {
    records: recordsSent(),
    messages,
    drainRounds,
    originalCheck: originalCheck(devices),
    // Converged lists hold exactly the sent records (S2 follows); sender order is what is left to judge.
    endCheck: convergenceGap(views) ?? senderOrderOf(views),
    sampledSafety,
  };
  return { result, devices };
}

function failureText(outcome: Exclude<CallOutcome, { kind: 'reply' }>): string {
  switch (outcome.kind) {
    case 'threw':
      return `the server threw: ${outcome.error}`;
    case 'timeout':
      return `the server did not answer within ${outcome.ms} ms`;
    case 'garbled':
      return `the reply cannot cross the network: ${outcome.error}`;
  }
}

/** testSyncing's check, as the original wrote it: equal counts, then device 0's records walked in order. */
function originalCheck(devices: readonly Device[]): string | undefined {
  const first = devices[0];
  if (first === undefined) return undefined;
  if (!devices.every((device) => device.records.length === first.records.length)) return 'the drain ended before all devices held as many records';
  const nextUnmatched = new Map<string, number>();
  const senders = new Map(devices.map((device) => [device.id, device.sent]));
  for (const [index, record] of first.records.entries()) {
    const sender = (record as { dev_id?: unknown }).dev_id;
    const position = nextUnmatched.get(String(sender)) ?? 0;
    const expected = senders.get(String(sender))?.[position];
    if (!sameRecord(record, expected)) return `dev_0[${index}] is not ${String(sender)}'s next sent record`;
    nextUnmatched.set(String(sender), position + 1);
    const other = devices.find((device) => !sameRecord(device.records[index], record));
    if (other !== undefined) return `${other.id}[${index}] differs from dev_0[${index}]`;
  }
  return undefined;
}

/** The safety properties the harness judges (harnessSafety.ts), on the current state. */
function safetyOf(devices: readonly Device[]): string | undefined {
  const views = devices.map((device): DeviceView => ({ id: device.id, records: device.records, sent: device.sent }));
  return judge(views, HARNESS_SAFETY_IDS);
}

function senderOrderOf(views: readonly DeviceView[]): string | undefined {
  return judge(views, ['S3']);
}

function judge(views: readonly DeviceView[], ids: readonly HarnessSafetyId[]): string | undefined {
  const observation: StepObservation = { mode: 'seed', event: { kind: 'probe', device: 0 }, devices: views, countsBefore: [] };
  for (const id of ids) {
    const property = propertyById(id);
    const violation = property.when === 'step' ? property.check(observation) : undefined;
    if (violation !== undefined) return `${id}: ${violation}`;
  }
  return undefined;
}
