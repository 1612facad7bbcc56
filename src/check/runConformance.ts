/** Judges an implementation against the whole catalogue, every mode: the report behind every CLI and test. */
import { NETWORK_MODES, type NetworkMode } from '../../model/index.ts';
import { CATALOGUE, propertiesFor, propertyById, type Level, type Property, type PropertyId, type Scenario } from '../../properties/index.ts';
import { describeTrace, type Trace } from '../report/describeTrace.ts';
import { findCounterexample, type Counterexample, type SearchOptions } from './findCounterexample.ts';
import { runScenario } from './runScenario.ts';
import type { ServiceFactory } from './service.ts';
import type { ExhaustiveBounds } from '../exhaustive/exhaustiveBounds.ts';
import type { SearchCounts } from '../exhaustive/searchExhaustively.ts';
import { scenarioStatistics, type Statistics } from './statistics.ts';

export type Status = 'pass' | 'warn' | 'fail' | 'n/a';

export interface PropertyVerdict {
  readonly id: PropertyId;
  readonly name: string;
  readonly level: Level;
  readonly status: Status;
  /** Runs that judged this property (up to and including the failing one). */
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
}

export interface ConformanceReport {
  readonly verdict: 'pass' | 'warn' | 'fail';
  readonly seed: number;
  readonly runsPerMode: number;
  readonly strict: boolean;
  readonly modes: readonly ModeReport[];
  /** Present when the report comes from `--exhaustive`: the bounds and the pruning it used. */
  readonly exhaustive?: ExhaustiveSettings;
}

export const DEFAULT_RUNS = 200;
export const DEFAULT_TIMEOUT_MS = 1000;

/** The seed a mode's search uses: different per mode, all derived from the one run seed. */
export function modeSeed(seed: number, mode: NetworkMode): number {
  return (seed + NETWORK_MODES.indexOf(mode) * 1_000_003) % 2 ** 31;
}

/** Checks `factory` in every requested mode and gives each property a verdict. */
export async function runConformance(factory: ServiceFactory, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const { onProgress, ...rest } = options;
  const search: Omit<SearchOptions, 'seed'> = {
    ...rest,
    runs: options.runs ?? DEFAULT_RUNS,
    strict: options.strict ?? false,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const modes: ModeReport[] = [];
  for (const mode of options.modes ?? NETWORK_MODES) {
    const known = (options.knownFailures ?? []).filter((failure) => failure.scenario.mode === mode);
    const onRun = onProgress === undefined ? undefined : (runs: number) => onProgress(mode, runs);
    modes.push(await checkMode(factory, mode, known, { ...search, seed: modeSeed(seed, mode), onRun }));
  }
  return { verdict: overallVerdict(modes), seed, runsPerMode: search.runs, strict: search.strict, modes };
}

/**
 * Replays known failures, then searches with every property still unjudged;
 * when one breaks, records it and searches again without it, so that each
 * property gets a verdict of its own.
 */
async function checkMode(factory: ServiceFactory, mode: NetworkMode, known: readonly KnownFailure[], options: SearchOptions): Promise<ModeReport> {
  let active = propertiesFor(mode, options.strict);
  const verdicts = new Map<PropertyId, PropertyVerdict>();
  const record = async (counterexample: Counterexample, runs: number, isKnown: boolean): Promise<void> => {
    const { property, level } = counterexample.finding;
    // Each search judges only the active properties; anything else would loop forever.
    if (!active.some((item) => item.id === property)) throw new Error(`internal: ${property} was reported but not judged`);
    const trace = await describeTrace(factory, counterexample, options.timeoutMs);
    verdicts.set(property, { ...verdictOf(property, level, runs), counterexample: { ...counterexample, trace, known: isKnown } });
    active = active.filter((item) => item.id !== property);
  };
  let stillFailing = 0;
  for (const failure of known) {
    const counterexample = await replayKnown(factory, failure, active, options);
    if (counterexample === undefined) continue;
    stillFailing++;
    await record(counterexample, 1, true);
  }
  while (active.length > 0) {
    const { runs, counterexample } = await findCounterexample(factory, mode, active, options);
    if (counterexample === undefined) {
      for (const property of active) verdicts.set(property.id, verdictOf(property.id, 'pass', runs));
      break;
    }
    await record(counterexample, runs, false);
  }
  const ordered = CATALOGUE.map((property) => verdicts.get(property.id) ?? verdictOf(property.id, 'n/a', 0));
  const statistics = scenarioStatistics(mode, options, options.seed, options.runs);
  return { mode, seed: options.seed, verdicts: ordered, knownFailures: { replayed: known.length, stillFailing }, statistics };
}

async function replayKnown(factory: ServiceFactory, failure: KnownFailure, active: readonly Property[], options: SearchOptions): Promise<Counterexample | undefined> {
  const { finding } = await runScenario(factory, failure.scenario, { properties: active, strict: options.strict, timeoutMs: options.timeoutMs });
  if (finding === undefined) return undefined;
  return { ...failure, finding, properties: active.map((property) => property.id), shrinks: 0 };
}

export function verdictOf(id: PropertyId, status: Status, runs: number): PropertyVerdict {
  const { name, level } = propertyById(id);
  return { id, name, level, status, runs };
}

export function overallVerdict(modes: readonly ModeReport[]): 'pass' | 'warn' | 'fail' {
  const statuses = modes.flatMap((mode) => mode.verdicts.map((verdict) => verdict.status));
  if (statuses.includes('fail')) return 'fail';
  return statuses.includes('warn') ? 'warn' : 'pass';
}
