/** Safety checks over what the devices hold (S1-S4). Each returns a violation, or undefined. */
import { isRecordShaped, sameRecord } from '../../model/index.ts';
import { keyOf } from '../recordKeys.ts';
import { sentCounts } from '../convergence.ts';
import type { DeviceView, StepObservation } from '../observation.ts';
import { describeValue } from '../replyValidation.ts';

/** S1: any two devices' lists are prefixes of one another, i.e. all are prefixes of the longest. */
export function checkAgreement({ devices }: StepObservation): string | undefined {
  const longest = devices.reduce<DeviceView | undefined>(
    (best, device) => (best === undefined || device.records.length > best.records.length ? device : best),
    undefined,
  );
  if (longest === undefined) return undefined;
  for (const device of devices) {
    const index = device.records.findIndex((record, position) => !sameRecord(record, longest.records[position]));
    if (index >= 0) return `${device.id} and ${longest.id} disagree at index ${index}`;
  }
  return undefined;
}

/**
 * The revision at which each device's records last passed a check, per check: records unchanged since
 * (the same list at the same revision) pass it again, because what S2 and S3 hold them against, what
 * was sent, only grows during a run. Re-checking every device's whole list after every step made these
 * two checks a quarter of a run's time.
 */
type PassedAt = WeakMap<readonly unknown[], number>;

function passedBefore(passed: PassedAt, device: DeviceView): boolean {
  return device.revision !== undefined && passed.get(device.records) === device.revision;
}

function markPassed(passed: PassedAt, device: DeviceView): void {
  if (device.revision !== undefined) passed.set(device.records, device.revision);
}

const integrityPassed: PassedAt = new WeakMap();

/** S2: every record held was sent, and no device holds more copies of it than were sent. */
export function checkIntegrity({ devices }: StepObservation): string | undefined {
  let sent: Map<string, number> | undefined;
  for (const device of devices) {
    if (passedBefore(integrityPassed, device)) continue;
    sent ??= sentCounts(devices);
    const held = new Map<string, number>();
    for (const [index, record] of device.records.entries()) {
      if (!isRecordShaped(record)) return `${device.id}[${index}] is not a record: ${describeValue(record)}`;
      const key = keyOf(record);
      const copies = (held.get(key) ?? 0) + 1;
      held.set(key, copies);
      const sentCopies = sent.get(key) ?? 0;
      if (sentCopies === 0) return `${device.id}[${index}] was never sent: ${describeValue(record)}`;
      if (copies > sentCopies) return `${device.id}[${index}] appears ${copies} times but was sent ${sentCopies}`;
    }
    markPassed(integrityPassed, device);
  }
  return undefined;
}

const senderOrderPassed: PassedAt = new WeakMap();

/** S3: on every device, each sender's records are a prefix of that sender's sent list. */
export function checkSenderOrder({ devices }: StepObservation): string | undefined {
  let senders: Map<string, readonly unknown[]> | undefined;
  for (const device of devices) {
    if (passedBefore(senderOrderPassed, device)) continue;
    senders ??= new Map(devices.map((each) => [each.id, each.sent]));
    const seenPerSender = new Map<string, number>();
    for (const [index, record] of device.records.entries()) {
      if (!isRecordShaped(record)) continue;
      const sent = senders.get(record.dev_id);
      if (sent === undefined) continue;
      const position = seenPerSender.get(record.dev_id) ?? 0;
      seenPerSender.set(record.dev_id, position + 1);
      if (!sameRecord(record, sent[position])) {
        return `${device.id}[${index}] should be ${record.dev_id}'s record #${position + 1}, got another`;
      }
    }
    markPassed(senderOrderPassed, device);
  }
  return undefined;
}

/** S4: a device's record count never decreases. */
export function checkNoRegression({ devices, countsBefore }: StepObservation): string | undefined {
  for (const [index, device] of devices.entries()) {
    const before = countsBefore[index] ?? 0;
    if (device.records.length < before) return `${device.id} went from ${before} to ${device.records.length} records`;
  }
  return undefined;
}
