/**
 * Which counterexample stands for each property, and in which order the
 * report prints them: one finding per property, its shortest trace over every
 * mode and both searches, shortest findings first. The text and the JSON
 * report both read them from here, so they always agree.
 */
import type { NetworkMode } from '../../model/index.ts';
import { CATALOGUE, type PropertyId } from '../../properties/index.ts';
import type { ConformanceReport, ExplainedCounterexample, ModeReport, PropertyVerdict, Status } from '../conformance/ConformanceReport.ts';

const STATUS_RANK: Readonly<Record<Status, number>> = { 'n/a': 0, pass: 1, warn: 2, fail: 3 };

/** The worse of two statuses. */
export function worse(left: Status, right: Status): Status {
  return STATUS_RANK[right] > STATUS_RANK[left] ? right : left;
}

/** The reports that make up `report`: itself, and the random search after an exhaustive one. */
export function phases(report: ConformanceReport): readonly ConformanceReport[] {
  return report.randomSearch === undefined ? [report] : [report, report.randomSearch];
}

/** A mode's verdict for `id`. */
export function verdictFor(verdicts: readonly PropertyVerdict[], id: PropertyId): PropertyVerdict | undefined {
  return verdicts.find((verdict) => verdict.id === id);
}

function modeOf(report: ConformanceReport, mode: NetworkMode): ModeReport | undefined {
  return report.modes.find((item) => item.mode === mode);
}

/** The status of `id` in `mode`, over both searches. */
export function modeStatus(report: ConformanceReport, mode: NetworkMode, id: PropertyId): Status {
  return phases(report)
    .map((phase) => (modeOf(phase, mode) === undefined ? 'n/a' : (verdictFor(modeOf(phase, mode)?.verdicts ?? [], id)?.status ?? 'n/a')))
    .reduce<Status>(worse, 'n/a');
}

/** The worst status of `id` over all modes and both searches. */
export function worstStatus(report: ConformanceReport, id: PropertyId): Status {
  return report.modes.map((mode) => modeStatus(report, mode.mode, id)).reduce<Status>(worse, 'n/a');
}

/** Every counterexample of the report, exhaustive ones first, modes in the report's order. */
export function allCounterexamples(report: ConformanceReport): ExplainedCounterexample[] {
  return phases(report).flatMap((phase) => phase.modes.flatMap((mode) => mode.verdicts.flatMap((verdict) => (verdict.counterexample === undefined ? [] : [verdict.counterexample]))));
}

/** One property's finding: its shortest counterexample, and the others found for it (other modes, or the other search). */
export interface Finding {
  readonly id: PropertyId;
  readonly best: ExplainedCounterexample;
  readonly others: readonly ExplainedCounterexample[];
}

/** Fewer events first, then fewer devices; otherwise the order found (exhaustive first, then mode order). */
function byLength(left: ExplainedCounterexample, right: ExplainedCounterexample): number {
  return left.scenario.events.length - right.scenario.events.length || left.scenario.deviceCount - right.scenario.deviceCount;
}

/** The finding of `id`, or undefined when nothing broke it. */
export function findingFor(report: ConformanceReport, id: PropertyId): Finding | undefined {
  const found = allCounterexamples(report)
    .filter((counterexample) => counterexample.finding.property === id)
    .sort(byLength);
  const [best, ...others] = found;
  return best === undefined ? undefined : { id, best, others };
}

/** Every finding, once per property: shortest first, ties in catalogue order. */
export function findingsInOrder(report: ConformanceReport): Finding[] {
  return CATALOGUE.flatMap((property) => {
    const finding = findingFor(report, property.id);
    return finding === undefined ? [] : [finding];
  }).sort((left, right) => byLength(left.best, right.best));
}

/**
 * The verdict as the report states it. `bounded`: an exhaustive search found
 * nothing and no random search followed, so all that is known is that nothing
 * breaks within the bounds; that is not what PASS means elsewhere.
 */
export function verdictLabel(report: ConformanceReport): 'pass' | 'warn' | 'fail' | 'bounded' {
  if (report.verdict === 'pass' && report.search.kind === 'exhaustive' && report.randomSearch === undefined) return 'bounded';
  return report.verdict;
}
