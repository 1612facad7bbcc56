/**
 * One fast-check search: generate scenarios for a mode, run them, shrink the first failure.
 *
 * Bounded time to a verdict: once a run has hung, every later run of the search
 * (shrink candidates included) uses a tighter per-message budget derived from
 * the implementation's observed latency, shrinking stops after SHRINK_LIMIT_MS,
 * and the search stops when the overall budget runs out. A hang found under the
 * tighter budget is confirmed with a generous one before it is reported, so a
 * slow reply on a loaded machine never becomes a verdict.
 */
import fc from 'fast-check';
import { NETWORK_MODES, type NetworkMode } from '../../model/index.ts';
import type { Property, Scenario } from '../../properties/index.ts';
import { scenarioArbitrary, type ScenarioOptions } from '../../properties/arbitraries/index.ts';
import type { RandomCounterexample } from './Counterexample.ts';
import type { RunRecording } from './RunRecording.ts';
import type { Finding, RunResult, RunSettings } from './runScenario.ts';
import { asHost, type ScenarioHost } from './ScenarioHost.ts';
import type { ServiceFactory } from './service.ts';
import { HangPace } from './HangPace.ts';
import type { CutShort, SearchBudget } from './SearchBudget.ts';

export interface SearchOptions extends ScenarioOptions {
  readonly runs: number;
  /** fast-check's seed for this search. */
  readonly seed: number;
  /** fast-check's replay path: re-run exactly one counterexample. */
  readonly path?: string;
  readonly strict: boolean;
  readonly timeoutMs: number;
  /** Called after every generated run with the number of runs so far. */
  readonly onRun?: ((runs: number) => void) | undefined;
  /** Called with each generated run's scenario and 0-based index, in order, before it runs (shrink candidates are not generated runs). */
  readonly onScenario?: ((index: number, scenario: Scenario) => void) | undefined;
  /** Stops the search when time runs out or the user interrupts (only asked whether it is cut short). */
  readonly budget?: Pick<SearchBudget, 'cutShort'>;
  /** The timeout pace, shared by every search of one check so a hang learned once is not paid for again. */
  readonly pace?: HangPace;
  /** The most time spent shrinking (default SHRINK_LIMIT_MS); the fast test suite, which asserts detection only, sets it lower. */
  readonly shrinkLimitMs?: number;
  /**
   * How many of the first generated runs an earlier search with the same seed
   * already ran and found clean for every property searched here: they count
   * as judged without being run again (a hang in one would cost its timeout again).
   */
  readonly cleanRuns?: number;
  /**
   * Of those clean runs, how many the server abandoned (it stopped answering partway, and the run judged what
   * came before): run again they would stop at the same point, so they count as abandoned again, not as judged,
   * and towards ABANDONED_LIMIT, without paying their timeouts again.
   */
  readonly cleanRunsAbandoned?: number;
  /**
   * A path of an earlier search with the same seed, to go on shrinking from:
   * its trace is run first; when it breaks none of these properties the search
   * ends there (fast-check would otherwise go on through the trace's untried
   * siblings, hundreds of runs that show nothing new).
   */
  readonly continueFrom?: string;
}

export type { Counterexample, CounterexampleOrigin, ExhaustiveOrigin, RandomCounterexample, RandomOrigin, SavedOrigin } from './Counterexample.ts';

export interface SearchResult {
  /** Runs executed before the search stopped (all of them when it passed). */
  readonly runs: number;
  /** Of those, the runs that ended before their end because the server stopped answering: they judge nothing past that point. */
  readonly abandoned: number;
  /** Of those, the ones an earlier search ran (cleanRunsAbandoned, counted once the clean runs were passed), not this one. */
  readonly abandonedCarried?: number;
  /** With a counterexample: the abandoned runs before the run that found it. */
  readonly abandonedBeforeFailure?: number;
  readonly counterexample: RandomCounterexample | undefined;
  /** Set when the search stopped before its runs were done. */
  readonly cutShort?: CutShort;
  /** Set when the search stopped because the server stopped answering in ABANDONED_LIMIT runs. */
  readonly gaveUp?: boolean;
}

/** After this many runs that the server abandoned (it hung or crashed with its property already judged), a search stops: more would judge nothing. */
export const ABANDONED_LIMIT = 10;

/** The most time spent shrinking one finding. */
export const SHRINK_LIMIT_MS = 20_000;
/** How many of the last shrink candidates are tried when a hang under the tight budget must be confirmed. */
const CONFIRM_ATTEMPTS = 8;

interface Failure {
  readonly scenario: Scenario;
  readonly finding: Finding;
  /** The per-message timeout it failed under. */
  readonly timeoutMs: number;
  readonly hung: boolean;
  readonly recording: RunRecording | undefined;
}

/** The seed a mode's search uses: different per mode, all derived from the one run seed. */
export function modeSeed(seed: number, mode: NetworkMode): number {
  return (seed + NETWORK_MODES.indexOf(mode) * 1_000_003) % 2 ** 31;
}

/** Searches for a scenario that violates one of `properties` in `mode`. */
export async function findCounterexample(
  subject: ScenarioHost | ServiceFactory,
  mode: NetworkMode,
  properties: readonly Property[],
  options: SearchOptions,
): Promise<SearchResult> {
  const host = asHost(subject);
  const settings = (timeoutMs: number): RunSettings => ({ properties, strict: options.strict, timeoutMs });
  let runs = 0;
  let abandoned = 0;
  let abandonedCarried = 0;
  let lastRunAbandoned = false;
  const pace = options.pace ?? new HangPace(options.timeoutMs);
  let shrinkStarted: number | undefined;
  let shrinkCut: string | undefined;
  let cutShort: CutShort | undefined;
  const failures: Failure[] = [];
  // A run that throws is the checker failing, not the server: fast-check would take it for a
  // failing run and the search would end with no finding, a false pass. It ends the search instead.
  let checkerError: Error | undefined;
  let missedContinuation = false;
  const property = fc.asyncProperty(scenarioArbitrary(mode, options), async (scenario) => {
    cutShort ??= options.budget?.cutShort;
    if (checkerError !== undefined || cutShort !== undefined) return true;
    if (shrinkStarted === undefined && !missedContinuation && runs < (options.cleanRuns ?? 0)) {
      options.onScenario?.(runs, scenario);
      runs++;
      if (runs === options.cleanRuns) {
        abandonedCarried = options.cleanRunsAbandoned ?? 0;
        abandoned += abandonedCarried;
      }
      options.onRun?.(runs);
      return true;
    }
    if (abandoned >= ABANDONED_LIMIT) return true;
    const shrinkLimitMs = options.shrinkLimitMs ?? SHRINK_LIMIT_MS;
    if (shrinkStarted !== undefined && performance.now() - shrinkStarted > shrinkLimitMs) {
      shrinkCut = `shrinking stopped after ${shrinkLimitMs / 1000} s`;
      return true;
    }
    if (missedContinuation) return true;
    if (shrinkStarted === undefined) options.onScenario?.(runs, scenario);
    const timeoutMs = pace.timeoutMs;
    let result: RunResult;
    try {
      result = await host.run(scenario, settings(timeoutMs));
    } catch (error) {
      checkerError = error instanceof Error ? error : new Error(`a run threw ${String(error)}`);
      return true;
    }
    // A run cut short by the budget or an interrupt (its process may have been stopped under it) judges nothing.
    if (options.budget?.cutShort !== undefined) return true;
    pace.observe(result);
    if (shrinkStarted === undefined) {
      runs++;
      lastRunAbandoned = result.abandoned !== undefined;
      if (lastRunAbandoned) abandoned++;
      options.onRun?.(runs);
    }
    if (result.finding === undefined) {
      missedContinuation = options.continueFrom !== undefined && shrinkStarted === undefined;
      return true;
    }
    shrinkStarted ??= performance.now();
    remember(failures, { scenario, finding: result.finding, timeoutMs, hung: result.hung === true, recording: result.recording });
    return false;
  });
  // A continuation enters fast-check's tree at the earlier search's path, as a replay by path does.
  const path = options.continueFrom ?? options.path;
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs,
    ...(path === undefined ? {} : { path }),
  });
  if (checkerError !== undefined) throw checkerError;
  const counted = { runs, abandoned, abandonedCarried };
  if (cutShort !== undefined && failures.length === 0) return { ...counted, counterexample: undefined, cutShort };
  if (!details.failed) return { ...counted, counterexample: undefined, ...(abandoned >= ABANDONED_LIMIT ? { gaveUp: true } : {}) };
  if (details.counterexample === null) throw new Error(`the search itself failed: ${String(details.errorInstance)}`);
  const confirmed = await confirm(host, failures, settings, pace);
  if (confirmed === undefined) return goOnAfterSlowRun(host, mode, properties, options, pace, counted);
  const shrinkNote = shrinkCut ?? (cutShort === undefined ? undefined : `shrinking stopped: ${cutShort === 'budget' ? 'the time budget ran out' : 'interrupted'}`);
  return {
    ...counted,
    abandonedBeforeFailure: abandoned - (lastRunAbandoned ? 1 : 0),
    counterexample: {
      scenario: confirmed.scenario,
      finding: confirmed.finding,
      properties: properties.map((item) => item.id),
      origin: {
        kind: 'random',
        seed: options.seed,
        path: confirmed === failures.at(-1) ? (details.counterexamplePath ?? '') : '',
        shrinks: details.numShrinks,
        ...(shrinkNote === undefined ? {} : { shrinkCut: shrinkNote }),
      },
      ...(confirmed.recording === undefined ? {} : { recording: confirmed.recording }),
    },
  };
}

/**
 * A hang that did not hang again under the full timeout was a slow reply, not a verdict: fast-check stopped
 * generating at it, so the search goes on after it at the full timeout (the runs up to it count as passed, the
 * slow one too, which answered in full) and never ends as if it had passed every run. A replay of one path, a
 * continuation, or a search cut short has nothing to go on with.
 */
async function goOnAfterSlowRun(host: ScenarioHost, mode: NetworkMode, properties: readonly Property[], options: SearchOptions, pace: HangPace, counted: Counted): Promise<SearchResult> {
  const cutShort = options.budget?.cutShort;
  if (options.path !== undefined || options.continueFrom !== undefined || cutShort !== undefined || counted.runs >= options.runs) return { ...counted, counterexample: undefined, ...(cutShort === undefined ? {} : { cutShort }) };
  pace.confirmation(false);
  const resumed = await findCounterexample(host, mode, properties, { ...options, pace, cleanRuns: counted.runs, cleanRunsAbandoned: counted.abandoned });
  // The abandoned runs carried in are this search's own, but for those it was itself given.
  return { ...resumed, abandonedCarried: counted.abandonedCarried + (resumed.abandonedCarried ?? 0) - counted.abandoned };
}

type Counted = Pick<SearchResult, 'runs' | 'abandoned'> & { readonly abandonedCarried: number };

/**
 * Adds a failure; only the candidates `confirm` may pick (the first and the
 * last CONFIRM_ATTEMPTS) keep their recordings, so a long shrink holds a few.
 */
function remember(failures: Failure[], failure: Failure): void {
  failures.push(failure);
  const retired = failures.length - CONFIRM_ATTEMPTS - 1;
  const old = failures[retired];
  if (retired > 0 && old !== undefined) failures[retired] = { ...old, recording: undefined };
}

/**
 * The smallest failure that stands: failures under the full timeout stand as
 * found; a hang is run again under the full timeout, and if it then answers, the candidates before it are tried, back to
 * the first failure, which the full timeout found.
 */
async function confirm(host: ScenarioHost, failures: readonly Failure[], settings: (timeoutMs: number) => RunSettings, pace: HangPace): Promise<Failure | undefined> {
  const candidates = failures.slice(-CONFIRM_ATTEMPTS).reverse();
  const first = failures[0];
  if (first !== undefined && !candidates.includes(first)) candidates.push(first);
  for (const failure of candidates) {
    if (!failure.hung) return failure;
    const generous = pace.generousMs;
    const again = await host.run(failure.scenario, settings(generous));
    if (again.finding !== undefined) return { ...failure, finding: again.finding, timeoutMs: generous, recording: again.recording };
  }
  return undefined;
}
