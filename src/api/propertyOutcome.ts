/**
 * One property in one mode, as a test states it: its status and, when it broke,
 * the text report's counterexample (headline, events, step table, replay command).
 */
import type { NetworkMode } from '../../model/index.ts';
import { propertyById, type PropertyId } from '../../properties/index.ts';
import type { Status } from '../conformance/ConformanceReport.ts';
import { counterexampleText } from '../report/counterexampleText.ts';
import { formatTrace } from '../report/formatTrace.ts';
import { findingsInOrder, verdictFor } from '../report/findings.ts';
import type { CheckResult } from './checkConformance.ts';

export interface PropertyOutcome {
  readonly status: Status;
  /** The counterexample as the text report prints it, for a fail or a warn; why nothing was judged, for n/a. */
  readonly text: string;
}

/** The outcome of property `id` in `mode`. */
export function propertyOutcome(result: CheckResult, mode: NetworkMode, id: PropertyId): PropertyOutcome {
  const verdict = verdictFor(result.report.modes.find((item) => item.mode === mode)?.verdicts ?? [], id);
  const status = verdict?.status ?? 'n/a';
  const counterexample = verdict?.counterexample;
  if (counterexample !== undefined) return { status, text: counterexampleText(counterexample, formatTrace(counterexample), result.replayCommand(counterexample)) };
  if (status !== 'n/a') return { status, text: '' };
  const { name } = propertyById(id);
  const why = result.report.cutShort === 'budget' ? `the check ran out of its budget (budgetSeconds: ${result.settings.budgetSeconds})` : result.report.cutShort === 'interrupted' ? 'the check was interrupted' : 'no run reached the end (the server stopped answering)';
  return { status, text: `${id} ${name} was not judged in ${mode} mode: ${why}` };
}

/** Every counterexample of the check, shortest first, as the text report prints them (the matcher's message). */
export function findingsText(result: CheckResult, level: 'fail' | 'warn' | 'any' = 'any'): string {
  return findingsInOrder(result.report)
    .filter((finding) => level === 'any' || finding.best.finding.level === level)
    .map(({ best }) => counterexampleText(best, formatTrace(best), result.replayCommand(best)))
    .join('\n\n');
}
