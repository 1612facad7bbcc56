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

/** S2: every record held was sent, and no device holds more copies of it than were sent. */
export function checkIntegrity({ devices }: StepObservation): string | undefined {
  const sent = sentCounts(devices);
  for (const device of devices) {
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
  }
  return undefined;
}

/** S3: on every device, each sender's records are a prefix of that sender's sent list. */
export function checkSenderOrder({ devices }: StepObservation): string | undefined {
  const senders = new Map(devices.map((device) => [device.id, device.sent]));
  for (const device of devices) {
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
