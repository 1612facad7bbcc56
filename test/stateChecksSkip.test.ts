/**
 * S2 and S3 skip a device whose records already passed them (the same list at
 * the same revision): sound because what they are held against, what was sent,
 * only grows. Shown on the runner's own Device, whose revision counts updates:
 * a change after a pass is judged, and so is a device seen without a revision.
 */
import { describe, expect, it } from 'vitest';
import { makeRecord } from '../model/index.ts';
import { propertyById, type DeviceView, type PropertyId, type StepObservation } from '../properties/index.ts';
import { Device, RELIABLE } from '../src/reference/Device.ts';
import { seededRandom } from '../src/reference/randomness.ts';

const content = (text: string) => ({ timestamp: '2024-09-02T12:00:00.000Z', data: { a: text, b: text, c: text } });

function devicePair(): [Device, Device] {
  const options = { random: seededRandom(1), clock: () => '2024-09-02T12:00:00.000Z', probabilities: RELIABLE };
  return [new Device(0, options), new Device(1, options)];
}

const view = (device: Device): DeviceView => ({ id: device.id, records: device.records, sent: device.sent, revision: device.revision });

function stepCheck(id: PropertyId): (observation: StepObservation) => string | undefined {
  const property = propertyById(id);
  if (property.when !== 'step') throw new Error(`${id} is not judged after every step`);
  return property.check;
}

function observe(devices: readonly DeviceView[]): StepObservation {
  return { mode: 'fifo', event: { kind: 'probe', device: 0 }, devices, countsBefore: devices.map((device) => device.records.length) };
}

describe('S2 and S3 after a device already passed them', () => {
  it.each(['S2', 'S3'] as const)('%s judges an update that came after the pass', (id) => {
    const check = stepCheck(id);
    const [first, second] = devicePair();
    const sent = second.send(content('x'));
    first.receive({ type: 'update', from: 0, data: [sent] });
    expect(check(observe([view(first), view(second)]))).toBeUndefined();
    // The same list, changed by an update: a record dev_1 never sent (S2), out of its order (S3).
    const forged = makeRecord(1, content('never sent'));
    first.receive({ type: 'update', from: 0, data: [forged, sent] });
    expect(check(observe([view(first), view(second)]))).toMatch(/dev_0\[0\]/);
  });

  it('a device seen without a revision is judged in full every time', () => {
    const check = stepCheck('S2');
    const records: unknown[] = [];
    const devices: DeviceView[] = [{ id: 'dev_0', records, sent: [] }];
    expect(check(observe(devices))).toBeUndefined();
    records.push(makeRecord(1, content('never sent')));
    expect(check(observe(devices))).toMatch(/was never sent/);
  });
});
