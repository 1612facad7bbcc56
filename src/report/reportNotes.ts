/** The lines under a verdict that say what limits it: a search cut short, runs the server abandoned, output it printed, files not saved. */
import type { ConformanceReport } from '../conformance/ConformanceReport.ts';
import { ABANDONED_LIMIT } from '../check/findCounterexample.ts';
import { ABANDONED_SEQUENCES_LIMIT } from '../exhaustive/searchExhaustively.ts';
import { count, plural } from './counterexampleText.ts';

/** What the report's reader must know to weigh the verdict, one line each (empty when nothing). */
export function reportNotes(report: ConformanceReport): string[] {
  const notes: string[] = [];
  if (report.cutShort === 'budget') notes.push('stopped early: the time budget (--budget) ran out; the runs column says how many runs judged each property, and a check cut short is never a PASS');
  if (report.cutShort === 'interrupted') notes.push('interrupted: what was judged before the interrupt is shown; the runs column says how many runs judged each property');
  if (report.stoppedAtFirstFailure === true) notes.push('stopped at the first failure (--fail-fast): the properties shown n/a were not judged; without --fail-fast every property gets a verdict of its own');
  const phases = [{ modes: report.modes, exhaustive: report.search.kind === 'exhaustive', prefix: '' }];
  if (report.randomSearch !== undefined) phases.push({ modes: report.randomSearch.modes, exhaustive: false, prefix: 'random search, ' });
  for (const phase of phases) {
    for (const mode of phase.modes) {
      const abandoned = mode.abandonedRuns ?? 0;
      const unit = phase.exhaustive ? 'sequence' : 'run';
      const limit = phase.exhaustive ? ABANDONED_SEQUENCES_LIMIT : ABANDONED_LIMIT;
      const stopped = mode.gaveUp === true ? `; the search stopped after ${limit} such ${unit}s${phase.exhaustive ? ', so the bounds were not covered and the properties it had left are n/a' : ''}` : '';
      if (abandoned > 0) notes.push(`${phase.prefix}${mode.mode}: ${plural(abandoned, unit)} ended early because the server stopped answering; they judged nothing after that point and are not counted${stopped}`);
    }
  }
  const output = report.implementationOutput;
  if (output !== undefined && output.lines > 0) {
    notes.push(`the implementation wrote ${count(output.lines)} line${output.lines === 1 ? '' : 's'} to stdout/stderr (kept apart from this report); the first:`);
    notes.push(...output.firstLines.slice(0, 5).map((line) => `  | ${line}`));
  }
  return notes;
}
