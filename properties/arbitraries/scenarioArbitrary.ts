/** Whole scenarios per network mode: a device count and a sequence of events. */
import fc from 'fast-check';
import type { ModelEvent, NetworkMode } from '../../model/index.ts';
import { MAX_DEVICES, minDevices, type Scenario } from '../scenario.ts';
import { eventArbitrary } from './eventArbitrary.ts';
import { harnessTurnArbitrary, turnEvents } from './harnessTurnArbitrary.ts';

export interface ScenarioOptions {
  /** Fix the number of devices instead of drawing 1 to 10. */
  readonly deviceCount?: number;
  /** Out-of-contract messages in fifo and reorder runs (default true). */
  readonly includeJunk?: boolean;
  /** The longest event sequence (default 120; seed mode: turns, default 48). */
  readonly maxLength?: number;
}

const DEFAULT_MAX_EVENTS = 120;
const DEFAULT_MAX_TURNS = 48;

/**
 * Scenarios for `mode`; a plain array of events, so fast-check shrinks by removing events.
 * fast-check shrinks a record's fields in order. In fifo and reorder the events
 * come first: shrinking to one device first can double a trace (with a second
 * device left unsynced the liveness phase keeps probing, a lone device needs
 * extra events to show the same bug). In seed mode the device count comes
 * first: turns belong to devices round-robin, so with many devices left the
 * idle turns of the others cannot be removed without handing turns to other devices;
 * it stops at two devices (minDevices), so the liveness phase has someone to sync.
 */
export function scenarioArbitrary(mode: NetworkMode, options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const deviceCount =
    options.deviceCount === undefined ? fc.integer({ min: minDevices(mode), max: MAX_DEVICES }) : fc.constant(options.deviceCount);
  if (mode === 'seed') {
    const turns = fc.array(harnessTurnArbitrary, { maxLength: options.maxLength ?? DEFAULT_MAX_TURNS, size: 'max' });
    return fc.record({ deviceCount, turns }).map(({ deviceCount: count, turns: drawn }) => ({
      mode,
      deviceCount: count,
      // Round-robin, as in testSyncing: turn i belongs to device i mod n.
      events: drawn.flatMap((turn, index) => turnEvents(index % count, turn)),
    }));
  }
  const event = eventArbitrary(mode, { includeJunk: options.includeJunk ?? true });
  const events = fc.array(event, { maxLength: options.maxLength ?? DEFAULT_MAX_EVENTS, size: 'max' });
  return fc.record({ events, deviceCount }).map(({ deviceCount: count, events: drawn }) => ({
    mode,
    deviceCount: count,
    events: drawn.map((item) => foldDevice(item, count)),
  }));
}

function foldDevice(event: ModelEvent, deviceCount: number): ModelEvent {
  return 'device' in event ? { ...event, device: event.device % deviceCount } : event;
}
