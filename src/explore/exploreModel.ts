/** The model checker as the command line and the benchmark use it: one mode, its checks, a readable summary. */
import { exploreCompact, type CompactBounds, type CompactReport, type ModelEvent } from '../../model/index.ts';
import { compactChecks } from '../../properties/index.ts';
import { count } from '../report/counterexampleText.ts';
import { goalOutcomes, type GoalOutcome } from './goalBounds.ts';

export interface ExploreOptions {
  readonly symmetry?: boolean;
  readonly maxStates?: number;
  readonly maxMilliseconds?: number;
}

/** Explores `bounds` with every model-level property and goal of its mode. */
export function exploreModel(bounds: CompactBounds, options: ExploreOptions = {}): CompactReport {
  return exploreCompact(bounds, compactChecks(bounds.mode), options);
}

export function statesPerSecond(report: CompactReport): number {
  return Math.round(report.distinctStates / (report.milliseconds / 1000));
}

/** The report's lines: counts, speed, goals, and the violation's shortest path if there is one. */
export function exploreText(report: CompactReport): string[] {
  const { bounds } = report;
  const lines = [
    `${bounds.mode}: ${bounds.devices} devices, ${bounds.recordsPerDevice} record(s) each, ${bounds.pendingPerDevice} pending repl${bounds.pendingPerDevice === 1 ? 'y' : 'ies'} per device${report.complete ? '' : ' (INCOMPLETE: stopped by a limit)'}`,
    `  ${count(report.distinctStates)} distinct states, ${count(report.transitions)} transitions explored, depth ${report.depth}, ${count(report.quiescentStates)} quiescent states`,
    `  ${(report.milliseconds / 1000).toFixed(2)} s, ${count(statesPerSecond(report))} states/s, ${Math.round(report.bytes / 2 ** 20)} MiB`,
    ...goalOutcomes(report).map((goal) => `  sometimes: ${goal.name}: ${goalText(goal, report.complete)}`),
  ];
  if (report.violation !== undefined) {
    lines.push(`  VIOLATION of ${report.violation.invariant}: ${report.violation.message}`, `  shortest path (${report.violation.path.length} events): ${report.violation.path.map(eventText).join(' ')}`);
  } else if (report.complete) {
    lines.push('  no violation of S1-S4 (S4 not under reorder), L1 or L2 in any reachable state');
  }
  return lines;
}

function goalText(goal: GoalOutcome, complete: boolean): string {
  if (goal.reached) return 'reached';
  if (goal.needs !== undefined) return `NOT REACHED: needs ${goal.needs} (unreachable at this bound: a warning, not a failure)`;
  return complete ? 'NOT REACHED at a bound that should reach it (a failure)' : 'NOT REACHED (the search stopped early)';
}

function eventText(event: ModelEvent): string {
  if ('device' in event) return `${event.kind}[${event.device}]`;
  if ('pick' in event) return `${event.kind}[pick ${event.pick}]`;
  return event.kind;
}
