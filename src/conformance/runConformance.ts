/** Judges an implementation against the whole catalogue, every mode, by random search: the report behind every CLI and test. */
import { NETWORK_MODES, type NetworkMode } from '../../model/index.ts';
import { CATALOGUE, propertiesFor, type Property, type PropertyId } from '../../properties/index.ts';
import { findCounterexample, modeSeed, type Counterexample, type RandomCounterexample, type RandomOrigin, type SearchOptions } from '../check/findCounterexample.ts';
import { asHost, type ScenarioHost } from '../check/ScenarioHost.ts';
import { HangPace } from '../check/HangPace.ts';
import { SearchBudget, type CutShort } from '../check/SearchBudget.ts';
import type { ServiceFactory } from '../check/service.ts';
import { RunStatistics } from '../check/statistics.ts';
import type { ConformanceReport, KnownFailure, ModeReport } from './ConformanceReport.ts';
import { judgeEachProperty, type SearchRound } from './judgeEachProperty.ts';
import { failuresStandAlone } from './confirmAlone.ts';
import { laneCount, MAX_LANES, searchInLanes } from './modeLanes.ts';
import { overallVerdict, verdictOf } from './verdicts.ts';

export interface ConformanceOptions extends Partial<Omit<SearchOptions, 'path'>> {
  readonly modes?: readonly NetworkMode[];
  readonly knownFailures?: readonly KnownFailure[];
  /** Called after every generated run, for progress displays. */
  readonly onProgress?: (mode: NetworkMode, runs: number) => void;
  /** Properties not to search for, per mode (an exhaustive search already broke them); their verdict is n/a with 0 runs. */
  readonly skip?: Readonly<Partial<Record<NetworkMode, readonly PropertyId[]>>>;
  /**
   * End the check at its first failure (a finding that makes the verdict FAIL), shrunk: the verdict
   * sooner, at the price of the other properties, which stay n/a (not judged); later modes are not searched.
   */
  readonly failFast?: boolean;
  /** At most this many modes searched at the same time, when the host can make copies of itself (default MAX_LANES; 1: one after another). */
  readonly lanes?: number;
}

export const DEFAULT_RUNS = 200;
export const DEFAULT_TIMEOUT_MS = 1000;

/** Checks `factory` in every requested mode and gives each property a verdict. */
export async function runConformance(subject: ScenarioHost | ServiceFactory, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const host = asHost(subject);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const { onProgress, skip, failFast = false, lanes = MAX_LANES, ...rest } = options;
  const search: Omit<SearchOptions, 'seed' | 'pace'> = {
    ...rest,
    budget: options.budget ?? new SearchBudget(),
    runs: options.runs ?? DEFAULT_RUNS,
    strict: options.strict ?? false,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const modeList = options.modes ?? NETWORK_MODES;
  // Each lane learns its own timeout pace: what one mode's server hangs on cannot change another mode's runs.
  const paces: HangPace[] = [];
  const paceOf = (lane: number): HangPace => (paces[lane] ??= new HangPace(search.timeoutMs));
  // Under --fail-fast, a mode that fails stops the search of every mode after it (see firstFailureOnly): a copy
  // searching one has its run in flight stopped too (a hung call would otherwise hold the verdict up).
  const stopped = modeList.map(() => false);
  const onCopy: ((() => void) | undefined)[] = [];
  const stopAfter = (failing: number): void => {
    for (let index = failing + 1; index < modeList.length; index++) {
      const running = !stopped[index];
      stopped[index] = true;
      if (running) onCopy[index]?.();
    }
  };
  const searched = await searchInLanes(host, modeList, lanes, (modeHost, mode, lane, index) => {
    if (stopped[index] === true) return Promise.resolve(notSearched(mode));
    // The first lane's host would stop every copy with it: only a copy's own run is stopped.
    if (lane > 0 && modeHost.abort !== undefined) onCopy[index] = modeHost.abort;
    // Stopped while it searches (a mode before it failed): it ends at its next run, as if interrupted; its report is dropped.
    const budget = {
      get cutShort() {
        return stopped[index] === true ? ('interrupted' as const) : search.budget?.cutShort;
      },
    };
    const known = (options.knownFailures ?? []).filter((failure) => failure.scenario.mode === mode);
    const onRun = onProgress === undefined ? undefined : (runs: number) => onProgress(mode, runs);
    return checkMode(modeHost, mode, known, { ...search, budget, pace: paceOf(lane), seed: modeSeed(seed, mode), onRun }, skip?.[mode] ?? [], failFast).then((report) => {
      onCopy[index] = undefined;
      if (failFast && hasFailure(report)) stopAfter(index);
      return report;
    });
  });
  const modes = failFast ? firstFailureOnly(searched) : searched;
  // Found by copies at the same time: each failure must stand on one copy alone (confirmAlone.ts), else one after another.
  if (laneCount(host, modeList, lanes) > 1 && !(await failuresStandAlone(host, modes, search))) return runConformance(host, { ...options, lanes: 1 });
  const failed = failFast && modes.some(hasFailure);
  const cutShort = search.budget?.cutShort ?? modes.find((mode) => mode.cutShort !== undefined)?.cutShort;
  return {
    verdict: overallVerdict(modes, cutShort),
    search: { kind: 'random', seed, runsPerMode: search.runs },
    strict: search.strict,
    modes,
    ...(cutShort === undefined ? {} : { cutShort }),
    ...(failed ? { stoppedAtFirstFailure: true } : {}),
  };
}

function hasFailure(report: ModeReport): boolean {
  return report.verdicts.some((verdict) => verdict.status === 'fail');
}

/**
 * What a fail-fast check reports: every mode up to the first that failed, in the modes' order, and the modes
 * after it not searched, as when they are searched one after another. Searched at the same time, a mode is
 * stopped only once a mode before it has failed, so the first failing mode and every one before it ran in full.
 */
function firstFailureOnly(modes: readonly ModeReport[]): ModeReport[] {
  const first = modes.findIndex(hasFailure);
  return modes.map((report, index) => (first !== -1 && index > first ? notSearched(report.mode) : report));
}

/** A mode a fail-fast check did not reach: every property n/a, nothing run. */
function notSearched(mode: NetworkMode): ModeReport {
  return { mode, verdicts: CATALOGUE.map((property) => verdictOf(property.id, 'n/a', 0)), knownFailures: { replayed: 0, stillFailing: 0 }, statistics: {}, abandonedRuns: 0 };
}

/** Replays known failures (shortest first: a property is judged by the first that breaks it, and that should be its best trace), then searches. */
async function checkMode(
  host: ScenarioHost,
  mode: NetworkMode,
  known: readonly KnownFailure[],
  options: SearchOptions,
  skipped: readonly PropertyId[],
  failFast: boolean,
): Promise<ModeReport> {
  const replays = [...known].sort((left, right) => left.scenario.events.length - right.scenario.events.length);
  let stillFailing = 0;
  let abandoned = 0;
  let gaveUp = false;
  let cutShort: CutShort | undefined;
  let lastShrunk: RandomOrigin | undefined;
  let cleanRuns = 0;
  let cleanRunsAbandoned = 0;
  // Under --fail-fast, a finding that fails the check is the last one searched for.
  const endsCheck = (counterexample: Counterexample | undefined): boolean => failFast && counterexample?.finding.level === 'fail';
  const statistics = new RunStatistics();
  const onScenario = statistics.add.bind(statistics);
  const search = async (active: readonly Property[]): Promise<SearchRound> => {
    for (let failure = replays.shift(); failure !== undefined; failure = replays.shift()) {
      cutShort ??= options.budget?.cutShort;
      if (cutShort !== undefined) return { counterexample: undefined, judged: 0, unbroken: 'n/a', last: true };
      const counterexample = await replayKnown(host, failure, active, options);
      if (counterexample === undefined) continue;
      stillFailing++;
      return { counterexample, judged: 1, unbroken: 'pass', last: endsCheck(counterexample) };
    }
    const continued = await continueShrunk(host, mode, active, options, lastShrunk);
    lastShrunk = undefined;
    if (continued !== undefined) {
      lastShrunk = continued.origin;
      return { counterexample: continued, judged: runsBefore(continued.origin), unbroken: 'pass', last: endsCheck(continued) };
    }
    const found = await findCounterexample(host, mode, active, { ...options, cleanRuns, cleanRunsAbandoned, onScenario });
    if (found.counterexample !== undefined) {
      lastShrunk = found.counterexample.origin;
      // The runs before the failing one passed every property searched, so every one the next search looks for;
      // an abandoned one passed them up to where the server stopped answering, and would stop there again.
      if (found.runs - 1 > cleanRuns) {
        cleanRuns = found.runs - 1;
        cleanRunsAbandoned = found.abandonedBeforeFailure ?? 0;
      }
    }
    cutShort = found.cutShort;
    abandoned += found.abandoned - (found.abandonedCarried ?? 0);
    gaveUp ||= found.gaveUp === true;
    const judged = found.runs - found.abandoned;
    // A property no run reached the end for has not been judged: never a pass.
    return { counterexample: found.counterexample, judged, unbroken: judged === 0 ? 'n/a' : 'pass', last: cutShort !== undefined || endsCheck(found.counterexample) };
  };
  const verdicts = await judgeEachProperty(propertiesFor(mode, options.strict).filter((property) => !skipped.includes(property.id)), search);
  return { mode, verdicts, knownFailures: { replayed: known.length, stillFailing }, statistics: statistics.shares(), abandonedRuns: abandoned, ...(gaveUp ? { gaveUp } : {}), ...(cutShort === undefined ? {} : { cutShort }) };
}

/** Runs a saved failure again; the run that fails is the counterexample, recording and all. */
async function replayKnown(host: ScenarioHost, failure: KnownFailure, active: readonly Property[], options: SearchOptions): Promise<Counterexample | undefined> {
  const { finding, recording } = await host.run(failure.scenario, { properties: active, strict: options.strict, timeoutMs: options.timeoutMs });
  if (finding === undefined) return undefined;
  const origin = { kind: 'saved', seed: failure.seed, path: failure.path } as const;
  return { scenario: failure.scenario, finding, properties: active.map((property) => property.id), origin, ...(recording === undefined ? {} : { recording }) };
}

/**
 * One trace often breaks several properties (a server that syncs nothing breaks
 * agreement and convergence alike). The next property's search would find that
 * same run again and shrink it from its full length; instead, shrinking goes on
 * from where the last property's ended (the same seed, so the same tree of
 * candidates, entered at that path), when that trace breaks a property still
 * unjudged. Undefined when it does not, or when no path replays it.
 */
async function continueShrunk(
  host: ScenarioHost,
  mode: NetworkMode,
  active: readonly Property[],
  options: SearchOptions,
  shrunk: RandomOrigin | undefined,
): Promise<RandomCounterexample | undefined> {
  if (shrunk === undefined || shrunk.path === '' || shrunk.seed !== options.seed || options.budget?.cutShort !== undefined) return undefined;
  const found = await findCounterexample(host, mode, active, { ...options, continueFrom: shrunk.path, onRun: undefined });
  const continued = found.counterexample;
  // Its shrinks are the earlier property's and these further ones: the trace was shrunk that far.
  return continued === undefined ? undefined : { ...continued, origin: { ...continued.origin, shrinks: shrunk.shrinks + continued.origin.shrinks } };
}

/** The runs a search made up to the one its path starts from: fast-check's path is "run index:shrink steps...". */
function runsBefore(origin: RandomOrigin): number {
  const index = Number(origin.path.split(':')[0]);
  return Number.isSafeInteger(index) ? index + 1 : 1;
}
