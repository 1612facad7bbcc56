/**
 * What the CLI and the library API both do around a check of an implementation
 * that runs apart: a budget whose end stops the run in flight after a grace
 * period, and the report completed with what the implementation printed.
 */
import type { CapturedOutput } from '../adapters/worker/outputCapture.ts';
import type { SearchBudget } from '../check/SearchBudget.ts';
import type { ConformanceReport } from './ConformanceReport.ts';

/** How long the run in flight may go on after the budget ran out or an interrupt, before its thread or process is stopped. */
export const STOP_GRACE_MS = 2000;

/**
 * When `budget` ends (time out, interrupt) the search stops at its next run; a
 * run that does not end by itself within STOP_GRACE_MS is stopped under it by
 * `abort` (a hung server never answers).
 */
export function stopRunInFlight(budget: SearchBudget, abort: () => void): void {
  budget.whenCutShort(() => setTimeout(abort, STOP_GRACE_MS).unref());
}

/** The report with what the implementation printed, when its output was captured apart from the checker's. */
export function withImplementationOutput(report: ConformanceReport, implementation: { readonly capturedOutput?: () => CapturedOutput }): ConformanceReport {
  const output = implementation.capturedOutput?.();
  return output === undefined ? report : { ...report, implementationOutput: output };
}
