/** The plain-text conformance report: a verdict table, then one finding per property, shortest first. */
import { CATALOGUE } from '../../properties/index.ts';
import { randomSearchOf, type ConformanceReport, type ExhaustiveSettings, type ExplainedCounterexample } from '../conformance/ConformanceReport.ts';
import { count, counterexampleText, plural } from './counterexampleText.ts';
import { formatTrace } from './formatTrace.ts';
import { reportNotes } from './reportNotes.ts';
import { describeBounds } from '../exhaustive/exhaustiveBounds.ts';
import { beyondBounds, nextBound, nextBoundText, shownWithinBounds } from './boundsShown.ts';
import { findingsInOrder, modeStatus, verdictFor, verdictLabel, worstStatus } from './findings.ts';

export { verdictFor, worstStatus };

/** How to replay a counterexample, given where it was found. */
export type ReplayHint = (counterexample: ExplainedCounterexample) => string;

/** The report as text; deterministic for a deterministic implementation and seed. */
export function reportText(report: ConformanceReport, replayHint: ReplayHint): string {
  const modes = report.modes.map((mode) => mode.mode);
  const random = report.randomSearch;
  const search = report.search;
  const exhaustive = search.kind === 'exhaustive';
  const header = ['property', 'level', ...modes, ...(exhaustive ? ['sequences'] : []), ...(!exhaustive || random !== undefined ? ['runs'] : []), 'shortest'];
  const findings = findingsInOrder(report);
  const rows = CATALOGUE.map((property) => {
    const judged = (phase: ConformanceReport): string => String(phase.modes.reduce((sum, mode) => sum + (verdictFor(mode.verdicts, property.id)?.runs ?? 0), 0));
    const finding = findings.find((item) => item.id === property.id);
    const shortest = finding === undefined ? '' : plural(finding.best.scenario.events.length, 'event');
    // A property the exhaustive search broke in every mode is not searched at random: no runs, by design.
    const applicable = report.modes.map((mode) => verdictFor(mode.verdicts, property.id)).filter((verdict) => verdict !== undefined && verdict.status !== 'n/a');
    const allBroken = applicable.length > 0 && applicable.every((verdict) => verdict?.counterexample !== undefined);
    const randomRuns = random === undefined ? [] : [judged(random) === '0' && allBroken ? '-' : judged(random)];
    const counts = [judged(report), ...randomRuns];
    return [`${property.id} ${property.name}`, property.level, ...modes.map((mode) => modeStatus(report, mode, property.id)), ...counts, shortest];
  });
  const lines = [
    ...(search.kind === 'exhaustive' ? exhaustiveHeader(report, search) : [`seed ${search.seed}, ${search.runsPerMode} runs per mode${report.strict ? ', strict' : ''}`]),
    '',
    ...alignedTable([header, ...rows]),
    '',
    ...(search.kind === 'exhaustive' ? exhaustiveSummary(report, search) : []),
    verdictLine(report),
    ...reportNotes(report),
  ];
  if (findings.length > 1) lines.push('', 'findings, shortest first (one per property: its shortest trace over every mode and search; every trace found is saved):');
  for (const { best, others } of findings) {
    lines.push('', counterexampleText(best, formatTrace(best), replayHint(best)));
    const search = (counterexample: ExplainedCounterexample): string => (random === undefined ? '' : counterexample.origin.kind === 'exhaustive' ? ' by the exhaustive search' : ' by the random search');
    for (const other of others) lines.push(`  also found in ${other.scenario.mode} mode${search(other)} (${plural(other.scenario.events.length, 'event')}): ${replayHint(other)}`);
  }
  return lines.join('\n');
}

function verdictLine(report: ConformanceReport): string {
  const label = verdictLabel(report);
  if (label !== 'bounded') return `verdict: ${label.toUpperCase()}`;
  return 'verdict: NO VIOLATION WITHIN THE BOUNDS (not a PASS: nothing beyond the bounds above was tried)';
}

/** What an exhaustive search covered: bounds, pruning, per mode how much it ran, and the random search after it. */
function exhaustiveHeader(report: ConformanceReport, exhaustive: ExhaustiveSettings): string[] {
  const randomSearch = randomSearchOf(report);
  const perMode = report.modes.map((mode) => {
    const summary = mode.exhaustive;
    if (summary === undefined) return `  ${mode.mode}: not searched`;
    const seconds = (summary.milliseconds / 1000).toFixed(1);
    const reach = summary.depthCompleted >= summary.depth ? `every sequence of up to ${plural(summary.depth, 'event')}` : `stopped at the first failure, every sequence of up to ${plural(Math.max(summary.depthCompleted, 0), 'event')} before it`;
    return `  ${mode.mode}: ${reach}: ${count(summary.sequences)} sequences run, ${count(summary.distinctStates)} distinct states, ${count(summary.revisited)} revisits pruned, in ${seconds} s`;
  });
  const random =
    randomSearch === undefined
      ? `random: not run${report.randomSearchSkipped === undefined ? '' : ` (${report.randomSearchSkipped})`}`
      : `random: seed ${randomSearch.seed}, ${randomSearch.runsPerMode} runs per mode after the exhaustive search, 1 to 10 devices and up to 120 events (seed mode: 48 turns) per run; properties the exhaustive search broke are not searched again`;
  return [
    `exhaustive: ${describeBounds(exhaustive.bounds)}${report.strict ? ', strict' : ''}`,
    ...perMode,
    'pruning:',
    ...exhaustive.pruning.map((rule) => `  - ${rule}`),
    random,
  ];
}

/** Under the table: what the exhaustive search showed per mode, the next bound and its cost, and what the random search added. */
function exhaustiveSummary(report: ConformanceReport, exhaustive: ExhaustiveSettings): string[] {
  const randomSearch = report.randomSearch;
  const seed = randomSearchOf(report)?.seed;
  const lines = ['exhaustive search:'];
  for (const mode of report.modes) {
    lines.push(`  ${mode.mode}: ${shownWithinBounds(mode, exhaustive.bounds)}`);
    const next = mode.exhaustive === undefined || mode.cutShort !== undefined || mode.gaveUp === true ? undefined : nextBound(mode.mode, mode.exhaustive);
    if (next !== undefined) lines.push(`    ${nextBoundText(mode.mode, next, report.modes.length)}`);
  }
  if (randomSearch === undefined) {
    lines.push(`random search: not run${report.randomSearchSkipped === undefined ? '' : ` (${report.randomSearchSkipped})`}: nothing beyond the bounds above was tried`);
    return lines;
  }
  const runs = randomSearch.modes.reduce((sum, mode) => sum + Math.max(0, ...mode.verdicts.map((verdict) => verdict.runs)), 0);
  const found = findingsInOrder(randomSearch);
  if (found.length === 0) {
    lines.push(`random search (seed ${seed}): no further violation in ${count(runs)} runs beyond the bounds`);
    return lines;
  }
  lines.push(`random search (seed ${seed}), beyond the exhaustive bounds:`);
  for (const { id, best, others } of found) {
    const failing = [best, ...others].map((counterexample) => counterexample.scenario.mode);
    const modeBounds = { ...exhaustive.bounds, depth: report.modes.find((mode) => mode.mode === best.scenario.mode)?.exhaustive?.depth ?? 0 };
    lines.push(`  ${id} ${best.finding.level === 'fail' ? 'fails' : 'warns'} in ${failing.join(', ')}; its shortest trace has ${beyondBounds(best.scenario, modeBounds).join(', ')}`);
  }
  return lines;
}

function alignedTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_cell, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}
