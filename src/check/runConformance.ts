/** Judges an implementation against the whole catalogue, every mode: the report behind every CLI and test. */
import { NETWORK_MODES, type NetworkMode } from '../../model/index.ts';
import { CATALOGUE, propertiesFor, propertyById, type Level, type Property, type PropertyId, type Scenario } from '../../properties/index.ts';
import { describeTrace, undescribedTrace, type Trace } from '../report/describeTrace.ts';
import { findCounterexample, type Counterexample, type SearchOptions } from './findCounterexample.ts';
import { asHost, type ScenarioHost } from './ScenarioHost.ts';
import { HangPace } from './HangPace.ts';
import { SearchBudget, type CutShort } from './SearchBudget.ts';
import type { ServiceFactory } from './service.ts';
import type { CapturedOutput } from '../adapters/worker/outputCapture.ts';
import type { ExhaustiveBounds } from '../exhaustive/exhaustiveBounds.ts';
import type { SearchCounts } from '../exhaustive/searchExhaustively.ts';
import { scenarioStatistics, type Statistics } from './statistics.ts';

export type Status = 'pass' | 'warn' | 'fail' | 'n/a';

export interface PropertyVerdict {
  readonly id: PropertyId;
  readonly name: string;
  readonly level: Level;
  readonly status: Status;
  /** Runs that judged this property (up to and including the failing one); runs the server abandoned are not counted. */
  readonly runs: number;
  readonly counterexample?: ExplainedCounterexample;
}

/** A counterexample with its readable trace. */
export interface ExplainedCounterexample extends Counterexample {
  readonly trace: Trace;
  /** True when it came from the corpus of earlier failures rather than a new search. */
  readonly known: boolean;
}

/** A failure found by an earlier run, replayed before any new search. */
export interface KnownFailure {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly path: string;
}

export interface ModeReport {
  readonly mode: NetworkMode;
  readonly seed: number;
  readonly verdicts: readonly PropertyVerdict[];
  /** Earlier failures of this mode replayed first, and how many still fail. */
  readonly knownFailures: { readonly replayed: number; readonly stillFailing: number };
  readonly statistics: Statistics;
  /** Present when the mode was searched exhaustively instead of at random. */
  readonly exhaustive?: ExhaustiveModeSummary;
  /** Runs that ended early because the server stopped answering (a hang, a crash with the property that catches it already judged). */
  readonly abandonedRuns?: number;
  /** Set when a search stopped early because the server kept abandoning runs. */
  readonly gaveUp?: boolean;
  /** Set when the search of this mode stopped before it was done; the verdicts' run counts say how far it got. */
  readonly cutShort?: CutShort;
}

/** The bounds (the depth is per mode) and the pruning of an exhaustive search. */
export interface ExhaustiveSettings {
  readonly bounds: Omit<ExhaustiveBounds, 'depth'>;
  readonly pruning: readonly string[];
}

/** What an exhaustive search of one mode covered. */
export interface ExhaustiveModeSummary extends SearchCounts {
  /** The longest sequence searched. */
  readonly depth: number;
  readonly milliseconds: number;
}

export interface ConformanceOptions extends Partial<Omit<SearchOptions, 'path'>> {
  readonly modes?: readonly NetworkMode[];
  readonly knownFailures?: readonly KnownFailure[];
  /** Called after every generated run, for progress displays. */
  readonly onProgress?: (mode: NetworkMode, runs: number) => void;
  /** Properties not to search for, per mode (an exhaustive search already broke them); their verdict is n/a with 0 runs. */
  readonly skip?: Readonly<Partial<Record<NetworkMode, readonly PropertyId[]>>>;
}

export interface ConformanceReport {
  readonly verdict: 'pass' | 'warn' | 'fail';
  readonly seed: number;
  readonly runsPerMode: number;
  readonly strict: boolean;
  readonly modes: readonly ModeReport[];
  /** Present when the report comes from `--exhaustive`: the bounds and the pruning it used. */
  readonly exhaustive?: ExhaustiveSettings;
  /** Set when the check stopped before it was done (the budget ran out, or it was interrupted). */
  readonly cutShort?: CutShort;
  /** What the implementation printed, when it ran apart and its output was captured. */
  readonly implementationOutput?: CapturedOutput;
  /** With `exhaustive`: the random search run after it, whose verdicts count as well. */
  readonly randomSearch?: ConformanceReport;
  /** With `exhaustive`: why no random search was run after it (then nothing beyond the bounds was tried). */
  readonly randomSearchSkipped?: string;
}

export const DEFAULT_RUNS = 200;
export const DEFAULT_TIMEOUT_MS = 1000;

/** The seed a mode's search uses: different per mode, all derived from the one run seed. */
export function modeSeed(seed: number, mode: NetworkMode): number {
  return (seed + NETWORK_MODES.indexOf(mode) * 1_000_003) % 2 ** 31;
}

/** Checks `factory` in every requested mode and gives each property a verdict. */
export async function runConformance(subject: ScenarioHost | ServiceFactory, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const host = asHost(subject);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const { onProgress, skip, ...rest } = options;
  const search: Omit<SearchOptions, 'seed'> = {
    ...rest,
    budget: options.budget ?? new SearchBudget(),
    pace: new HangPace(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    runs: options.runs ?? DEFAULT_RUNS,
    strict: options.strict ?? false,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const modes: ModeReport[] = [];
  for (const mode of options.modes ?? NETWORK_MODES) {
    const known = (options.knownFailures ?? []).filter((failure) => failure.scenario.mode === mode);
    const onRun = onProgress === undefined ? undefined : (runs: number) => onProgress(mode, runs);
    modes.push(await checkMode(host, mode, known, { ...search, seed: modeSeed(seed, mode), onRun }, skip?.[mode] ?? []));
  }
  const cutShort = search.budget?.cutShort ?? modes.find((mode) => mode.cutShort !== undefined)?.cutShort;
  return { verdict: overallVerdict(modes, cutShort), seed, runsPerMode: search.runs, strict: search.strict, modes, ...(cutShort === undefined ? {} : { cutShort }) };
}

/**
 * Replays known failures, then searches with every property still unjudged;
 * when one breaks, records it and searches again without it, so that each
 * property gets a verdict of its own.
 */
async function checkMode(host: ScenarioHost, mode: NetworkMode, known: readonly KnownFailure[], options: SearchOptions, skipped: readonly PropertyId[]): Promise<ModeReport> {
  let active = propertiesFor(mode, options.strict).filter((property) => !skipped.includes(property.id));
  const verdicts = new Map<PropertyId, PropertyVerdict>();
  const record = async (counterexample: Counterexample, runs: number, isKnown: boolean): Promise<void> => {
    const { property, level } = counterexample.finding;
    // Each search judges only the active properties; anything else would loop forever.
    if (!active.some((item) => item.id === property)) throw new Error(`internal: ${property} was reported but not judged`);
    // Describing runs the trace again; once the budget is spent, the events alone must do.
    const trace = options.budget?.cutShort === undefined ? await describeTrace(host.factory, counterexample, options.timeoutMs) : undescribedTrace(counterexample);
    verdicts.set(property, { ...verdictOf(property, level, runs), counterexample: { ...counterexample, trace, known: isKnown } });
    active = active.filter((item) => item.id !== property);
  };
  let stillFailing = 0;
  let abandoned = 0;
  let gaveUp = false;
  let cutShort: CutShort | undefined;
  // Shortest first: a property is judged by the first saved failure that breaks it, and that should be its best trace.
  const shortestFirst = [...known].sort((left, right) => left.scenario.events.length - right.scenario.events.length);
  for (const failure of shortestFirst) {
    cutShort ??= options.budget?.cutShort;
    if (cutShort !== undefined) break;
    const counterexample = await replayKnown(host, failure, active, options);
    if (counterexample === undefined) continue;
    stillFailing++;
    await record(counterexample, 1, true);
  }
  while (active.length > 0 && cutShort === undefined) {
    const search = await findCounterexample(host, mode, active, options);
    cutShort = search.cutShort;
    abandoned += search.abandoned;
    gaveUp ||= search.gaveUp === true;
    const judged = search.runs - search.abandoned;
    if (search.counterexample === undefined) {
      // A property no run reached the end for has not been judged: never a pass.
      for (const property of active) verdicts.set(property.id, verdictOf(property.id, judged === 0 ? 'n/a' : 'pass', judged));
      break;
    }
    await record(search.counterexample, judged, false);
  }
  const ordered = CATALOGUE.map((property) => verdicts.get(property.id) ?? verdictOf(property.id, 'n/a', 0));
  const statistics = scenarioStatistics(mode, options, options.seed, options.runs);
  return { mode, seed: options.seed, verdicts: ordered, knownFailures: { replayed: known.length, stillFailing }, statistics, abandonedRuns: abandoned, ...(gaveUp ? { gaveUp } : {}), ...(cutShort === undefined ? {} : { cutShort }) };
}

async function replayKnown(host: ScenarioHost, failure: KnownFailure, active: readonly Property[], options: SearchOptions): Promise<Counterexample | undefined> {
  const { finding } = await host.run(failure.scenario, { properties: active, strict: options.strict, timeoutMs: options.timeoutMs });
  if (finding === undefined) return undefined;
  return { ...failure, finding, properties: active.map((property) => property.id), shrinks: 0 };
}

export function verdictOf(id: PropertyId, status: Status, runs: number): PropertyVerdict {
  const { name, level } = propertyById(id);
  return { id, name, level, status, runs };
}

/** The worst status of any property; a check cut short is never a plain pass. */
export function overallVerdict(modes: readonly ModeReport[], cutShort?: CutShort): 'pass' | 'warn' | 'fail' {
  const statuses = modes.flatMap((mode) => mode.verdicts.map((verdict) => verdict.status));
  if (statuses.includes('fail')) return 'fail';
  return statuses.includes('warn') || cutShort !== undefined ? 'warn' : 'pass';
}
