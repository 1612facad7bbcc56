/** What "every device holds exactly all sent records, in one common order" means. */
import { isRecordShaped, sameRecord } from '../model/index.ts';
import { keyOf } from './recordKeys.ts';
import type { DeviceView } from './observation.ts';

/** How many copies of each record (by the original's equivalence) were sent, over all devices. */
export function sentCounts(devices: readonly DeviceView[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const device of devices) {
    for (const record of device.sent) {
      const key = keyOf(record);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** Why the devices have not converged, or undefined when they all hold everything in one order. */
export function convergenceGap(devices: readonly DeviceView[]): string | undefined {
  const total = devices.reduce((sum, device) => sum + device.sent.length, 0);
  const first = devices[0];
  if (first === undefined) return undefined;
  for (const device of devices) {
    if (device.records.length !== total) return `${device.id} holds ${device.records.length} of ${total} records`;
    const differs = device.records.findIndex((record, index) => !sameRecord(record, first.records[index]));
    if (differs >= 0) return `${device.id} and ${first.id} differ at index ${differs}`;
  }
  const remaining = sentCounts(devices);
  for (const record of first.records) {
    const key = isRecordShaped(record) ? keyOf(record) : '';
    const left = remaining.get(key) ?? 0;
    if (left === 0) return `${first.id} holds a record that was not sent, or one too many times`;
    remaining.set(key, left - 1);
  }
  return undefined;
}
