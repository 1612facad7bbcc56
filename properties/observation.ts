/** What the runner shows the properties: plain data about one step or the end of a run. */
import type { ModelEvent, NetworkMode, WireRecord } from '../model/index.ts';

/** How a call to the implementation's `onMessage` ended. */
export type CallOutcome =
  /** `bytes`: the reply's size on the wire, when it crossed one (a process's pipe, or a thread: src/adapters/worker/replyWeight.ts): what keeping it costs. */
  | { readonly kind: 'reply'; readonly value: unknown; readonly bytes?: number }
  /** `ended`: the server's process ended (exited, crashed, was killed) while handling the message, so nothing after it reaches a server. */
  | { readonly kind: 'threw'; readonly error: string; readonly ended?: boolean }
  | { readonly kind: 'timeout'; readonly ms: number }
  /** The reply could not cross the network (a cycle, a bigint, a function...). */
  | { readonly kind: 'garbled'; readonly error: string };

/** Which kind of message a step sent to the server. */
export type MessageKind = 'record' | 'probe' | 'empty' | 'junk';

export interface DeviceView {
  readonly id: string;
  readonly records: readonly unknown[];
  readonly sent: readonly WireRecord[];
  /**
   * Changes whenever `records` changes (the runner's devices count their updates): checks may
   * skip a device whose records, the same list at the same revision, already passed them. Absent: always checked in full.
   */
  readonly revision?: number;
}

/** One event and what followed from it. */
export interface StepObservation {
  readonly mode: NetworkMode;
  readonly event: ModelEvent;
  /** What was sent to the server, if the event sent something. */
  readonly sent?: { readonly kind: MessageKind; readonly message: unknown; readonly device?: number };
  readonly outcome?: CallOutcome;
  /** The pure model's reply to the same message in the same state (for R1). */
  readonly modelReply?: unknown;
  readonly devices: readonly DeviceView[];
  /** Each device's record count before the event. */
  readonly countsBefore: readonly number[];
}

/** The state after the liveness phase (docs/protocol.md, The network modes: the liveness phase). */
export interface EndObservation {
  readonly devices: readonly DeviceView[];
  /** Rounds of reliable probing until every device held everything; undefined if never. */
  readonly roundsToConverge: number | undefined;
  readonly roundLimit: number;
  /** Why the devices had not converged when the liveness phase ended. */
  readonly gap: string | undefined;
}
