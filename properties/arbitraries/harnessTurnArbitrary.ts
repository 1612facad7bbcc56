/** The original harness's schedule (docs/protocol.md, The network modes: seed) as events: one turn per device per round. */
import fc from 'fast-check';
import type { ModelEvent, RecordContent } from '../../model/index.ts';
import { recordContentArbitrary } from './recordContent.ts';

/** One device's turn: what obtainData, probe and onMessage did. */
export interface HarnessTurn {
  /** A new record, or undefined when obtainData returned {} (probability 0.4). */
  readonly record: RecordContent | undefined;
  /** False when the device forgot to probe and sent {} instead (probability 0.5). */
  readonly probed: boolean;
  /** False when the device lost the reply (probability 0.6). */
  readonly replyKept: boolean;
}

/** true with probability `numerator / denominator`; shrinks towards true. */
function chance(numerator: number, denominator: number): fc.Arbitrary<boolean> {
  return fc.integer({ min: 0, max: denominator - 1 }).map((roll) => roll < numerator);
}

/**
 * A record comes first among the choices because fast-check shrinks towards the
 * first: a turn with a record is 3 events, an idle one 4 (it sends {} and loses the reply).
 */
export const harnessTurnArbitrary: fc.Arbitrary<HarnessTurn> = fc.record({
  record: fc.oneof({ weight: 3, arbitrary: recordContentArbitrary }, { weight: 2, arbitrary: fc.constant(undefined) }),
  probed: chance(1, 2),
  replyKept: chance(2, 5),
});

/**
 * The events of one turn. Every reply is delivered or lost at once, so when a turn
 * starts nothing is pending and pick 0 names the reply just produced.
 */
export function turnEvents(device: number, turn: HarnessTurn): ModelEvent[] {
  const dataPath: ModelEvent[] =
    turn.record === undefined
      ? [{ kind: 'empty', device }, { kind: 'drop', pick: 0 }]
      : [{ kind: 'emit', device, content: turn.record }];
  const probe: ModelEvent = turn.probed ? { kind: 'probe', device } : { kind: 'empty', device };
  const reply: ModelEvent = turn.replyKept ? { kind: 'deliver', pick: 0 } : { kind: 'drop', pick: 0 };
  return [...dataPath, probe, reply];
}
