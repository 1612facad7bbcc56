/**
 * What a valid probe is answered with (docs/protocol.md, What the server answers), and its packed
 * twin for the engines that hold the log as record ids and a reply as a window
 * of it (src/modelChecker/packed/packedStep.ts, src/simulate/fastHarness.ts). The two
 * sit together so that a change to the answer is made in this file only;
 * test/model.test.ts holds the window to answerProbe, and test/compactModel.test.ts
 * and test/simulate.test.ts hold the engines to the model.
 */
import type { UpdateReply, WireRecord } from './messages.ts';

/** The answer to a valid probe from `from`: every record from `from` on. */
export function answerProbe(log: readonly WireRecord[], from: number): UpdateReply {
  return { type: 'update', from, data: log.slice(from) };
}

/** Packed twin of answerProbe: the update's `from`, which is also where its data starts in the log. */
export function probeWindowFrom(from: number, _logLength: number): number {
  return from;
}

/** Packed twin of answerProbe: where the update's data ends in the log (exclusive). */
export function probeWindowEnd(_from: number, logLength: number): number {
  return logLength;
}
