/** The plain-text conformance report: a verdict table, then every counterexample. */
import { CATALOGUE, type PropertyId } from '../../properties/index.ts';
import type { ConformanceReport, ExplainedCounterexample, PropertyVerdict, Status } from '../check/runConformance.ts';
import { count, counterexampleText, plural } from './counterexampleText.ts';
import { reportNotes } from './reportNotes.ts';
import { describeBounds } from '../exhaustive/exhaustiveBounds.ts';

/** How to replay a counterexample, given where it was found. */
export type ReplayHint = (counterexample: ExplainedCounterexample) => string;

const STATUS_RANK: Readonly<Record<Status, number>> = { 'n/a': 0, pass: 1, warn: 2, fail: 3 };

/** The report as text; deterministic for a deterministic implementation and seed. */
export function reportText(report: ConformanceReport, replayHint: ReplayHint): string {
  const modes = report.modes.map((mode) => mode.mode);
  const header = ['property', 'level', ...modes, report.exhaustive === undefined ? 'runs' : 'sequences', 'shortest'];
  const rows = CATALOGUE.map((property) => {
    const verdicts = report.modes.map((mode) => verdictFor(mode.verdicts, property.id));
    const runs = verdicts.reduce((sum, verdict) => sum + (verdict?.runs ?? 0), 0);
    const lengths = verdicts.flatMap((verdict) => (verdict?.counterexample ? [verdict.counterexample.scenario.events.length] : []));
    const shortest = lengths.length === 0 ? '' : plural(Math.min(...lengths), 'event');
    return [`${property.id} ${property.name}`, property.level, ...verdicts.map((verdict) => verdict?.status ?? 'n/a'), String(runs), shortest];
  });
  const lines = [
    ...(report.exhaustive === undefined ? [`seed ${report.seed}, ${report.runsPerMode} runs per mode${report.strict ? ', strict' : ''}`] : exhaustiveHeader(report)),
    '',
    ...alignedTable([header, ...rows]),
    '',
    `verdict: ${report.verdict.toUpperCase()}`,
    ...reportNotes(report),
  ];
  for (const mode of report.modes) {
    for (const verdict of mode.verdicts) {
      if (verdict.counterexample === undefined) continue;
      lines.push('', counterexampleText(verdict.counterexample, verdict.counterexample.trace, replayHint(verdict.counterexample)));
    }
  }
  return lines.join('\n');
}

/** What an exhaustive search covered: bounds, pruning, and per mode how much it ran. */
function exhaustiveHeader(report: ConformanceReport): string[] {
  const { exhaustive } = report;
  if (exhaustive === undefined) return [];
  const perMode = report.modes.map((mode) => {
    const summary = mode.exhaustive;
    if (summary === undefined) return `  ${mode.mode}: not searched`;
    const seconds = (summary.milliseconds / 1000).toFixed(1);
    const reach = summary.depthCompleted >= summary.depth ? `every sequence of up to ${plural(summary.depth, 'event')}` : `stopped at the first failure, every sequence of up to ${plural(Math.max(summary.depthCompleted, 0), 'event')} before it`;
    return `  ${mode.mode}: ${reach}: ${count(summary.sequences)} sequences run, ${count(summary.distinctStates)} distinct states, ${count(summary.revisited)} revisits pruned, in ${seconds} s`;
  });
  return [
    `exhaustive: ${describeBounds(exhaustive.bounds)}${report.strict ? ', strict' : ''}`,
    ...perMode,
    'pruning:',
    ...exhaustive.pruning.map((rule) => `  - ${rule}`),
  ];
}

/** The worst status of `id` over all modes of the report. */
export function worstStatus(report: ConformanceReport, id: PropertyId): Status {
  return report.modes
    .map((mode) => verdictFor(mode.verdicts, id)?.status ?? 'n/a')
    .reduce<Status>((worst, status) => (STATUS_RANK[status] > STATUS_RANK[worst] ? status : worst), 'n/a');
}

/** A mode's verdict for `id`. */
export function verdictFor(verdicts: readonly PropertyVerdict[], id: PropertyId): PropertyVerdict | undefined {
  return verdicts.find((verdict) => verdict.id === id);
}

function alignedTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_cell, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}
