/** Judges an implementation against the whole catalogue, every mode: the report behind every CLI and test. */
import { NETWORK_MODES, type NetworkMode } from '../../model/index.ts';
import { CATALOGUE, propertiesFor, type Level, type PropertyId } from '../../properties/index.ts';
import { describeTrace, type Trace } from '../report/describeTrace.ts';
import { findCounterexample, type Counterexample, type SearchOptions } from './findCounterexample.ts';
import type { ServiceFactory } from './service.ts';

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
}

export interface ModeReport {
  readonly mode: NetworkMode;
  readonly seed: number;
  readonly verdicts: readonly PropertyVerdict[];
}

export interface ConformanceOptions extends Partial<Omit<SearchOptions, 'path'>> {
  readonly modes?: readonly NetworkMode[];
}

export interface ConformanceReport {
  readonly verdict: 'pass' | 'warn' | 'fail';
  readonly seed: number;
  readonly runsPerMode: number;
  readonly strict: boolean;
  readonly modes: readonly ModeReport[];
}

export const DEFAULT_RUNS = 200;
export const DEFAULT_TIMEOUT_MS = 1000;

/** The seed a mode's search uses: different per mode, all derived from the one run seed. */
export function modeSeed(seed: number, mode: NetworkMode): number {
  return (seed + NETWORK_MODES.indexOf(mode) * 1_000_003) % 2 ** 31;
}

/** Checks `factory` in every requested mode and gives each property a verdict. */
export async function checkConformance(factory: ServiceFactory, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const search: Omit<SearchOptions, 'seed'> = {
    ...options,
    runs: options.runs ?? DEFAULT_RUNS,
    strict: options.strict ?? false,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const modes: ModeReport[] = [];
  for (const mode of options.modes ?? NETWORK_MODES) {
    modes.push(await checkMode(factory, mode, { ...search, seed: modeSeed(seed, mode) }));
  }
  return { verdict: overallVerdict(modes), seed, runsPerMode: search.runs, strict: search.strict, modes };
}

/**
 * Searches with every applicable property; when one breaks, records it and
 * searches again without it, so that each property gets a verdict of its own.
 */
async function checkMode(factory: ServiceFactory, mode: NetworkMode, options: SearchOptions): Promise<ModeReport> {
  let active = propertiesFor(mode, options.strict);
  const verdicts = new Map<PropertyId, PropertyVerdict>();
  while (active.length > 0) {
    const { runs, counterexample } = await findCounterexample(factory, mode, active, options);
    if (counterexample === undefined) {
      for (const property of active) verdicts.set(property.id, verdictOf(property.id, 'pass', runs));
      break;
    }
    const { property, level } = counterexample.finding;
    const trace = await describeTrace(factory, counterexample, options.timeoutMs);
    verdicts.set(property, { ...verdictOf(property, level, runs), counterexample: { ...counterexample, trace } });
    active = active.filter((item) => item.id !== property);
  }
  const ordered = CATALOGUE.map((property) => verdicts.get(property.id) ?? verdictOf(property.id, 'n/a', 0));
  return { mode, seed: options.seed, verdicts: ordered };
}

function verdictOf(id: PropertyId, status: Status, runs: number): PropertyVerdict {
  const property = CATALOGUE.find((item) => item.id === id);
  return { id, name: property?.name ?? id, level: property?.level ?? 'fail', status, runs };
}

function overallVerdict(modes: readonly ModeReport[]): 'pass' | 'warn' | 'fail' {
  const statuses = modes.flatMap((mode) => mode.verdicts.map((verdict) => verdict.status));
  if (statuses.includes('fail')) return 'fail';
  return statuses.includes('warn') ? 'warn' : 'pass';
}
