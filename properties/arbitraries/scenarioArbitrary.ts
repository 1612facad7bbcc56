/** Whole scenarios per network mode: a device count and a sequence of events. */
import fc from 'fast-check';
import type { ModelEvent, NetworkMode } from '../../model/index.ts';
import { MAX_DEVICES, type Scenario } from '../scenario.ts';
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

/** Scenarios for `mode`; a plain array of events, so fast-check shrinks by removing events. */
export function scenarioArbitrary(mode: NetworkMode, options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const deviceCount =
    options.deviceCount === undefined ? fc.integer({ min: 1, max: MAX_DEVICES }) : fc.constant(options.deviceCount);
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
  return fc.record({ deviceCount, events }).map(({ deviceCount: count, events: drawn }) => ({
    mode,
    deviceCount: count,
    events: drawn.map((item) => foldDevice(item, count)),
  }));
}

function foldDevice(event: ModelEvent, deviceCount: number): ModelEvent {
  return 'device' in event ? { ...event, device: event.device % deviceCount } : event;
}
