/** What a run of the original harness found, by the original's check and by ours. */
export interface HarnessResult {
  readonly records: number;
  /** Messages the server received (records, probes, empty messages). */
  readonly messages: number;
  readonly drainRounds: number;
  /** Why the original `testSyncing` check fails, or undefined when it passes. */
  readonly originalCheck: string | undefined;
  /** Our stronger end checks (completeness, no duplicates, sender order): the first failure. */
  readonly endCheck: string | undefined;
  /** The first safety violation seen while sampling along the way, if any. */
  readonly sampledSafety: string | undefined;
  /** Set when the server threw, hung or crashed on a message: the run stopped there. */
  readonly serverFailure?: string;
}

/** True when every check held. */
export function harnessPassed(result: HarnessResult): boolean {
  return result.originalCheck === undefined && result.endCheck === undefined && result.sampledSafety === undefined && result.serverFailure === undefined;
}
