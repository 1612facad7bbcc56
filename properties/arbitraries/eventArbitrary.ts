/** Single events of the free-running network modes (fifo and reorder). */
import fc from 'fast-check';
import type { ModelEvent, NetworkMode } from '../../model/index.ts';
import { MAX_DEVICES } from '../scenario.ts';
import { junkMessageArbitrary } from './junkMessage.ts';
import { recordContentArbitrary } from './recordContent.ts';

/**
 * Devices are drawn from the full range and folded onto the run's device count
 * later, so shrinking the count never invalidates an event.
 */
const deviceArbitrary = fc.nat({ max: MAX_DEVICES - 1 });

/** Picks stay small: they index the (short) list of pending replies, and shrink towards the oldest. */
const pickArbitrary = fc.nat({ max: 7 });

export interface EventOptions {
  /** Add out-of-contract messages (for S7). */
  readonly includeJunk: boolean;
}

/** One event, weighted so that runs emit, probe and deliver often and misbehave sometimes. */
export function eventArbitrary(mode: Exclude<NetworkMode, 'seed'>, options: EventOptions): fc.Arbitrary<ModelEvent> {
  const choices: fc.WeightedArbitrary<ModelEvent>[] = [
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('emit'), device: deviceArbitrary, content: recordContentArbitrary }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('probe'), device: deviceArbitrary }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver'), pick: pickArbitrary }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('empty'), device: deviceArbitrary }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop'), pick: pickArbitrary }) },
  ];
  if (mode === 'reorder') {
    choices.push({ weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate'), pick: pickArbitrary }) });
  }
  if (options.includeJunk) {
    choices.push({ weight: 1, arbitrary: fc.record({ kind: fc.constant('junk'), message: junkMessageArbitrary }) });
  }
  return fc.oneof(...choices);
}
