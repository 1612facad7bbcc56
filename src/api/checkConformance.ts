/**
 * One check of one target, as `sync-check` runs it: open the target, search,
 * save the counterexamples when asked, and always stop the worker thread or
 * child process, whether the check passed, failed, threw or was aborted.
 */
import { stopAllRunning } from '../adapters/runningProcesses.ts';
import type { ConformanceReport, ExplainedCounterexample } from '../conformance/ConformanceReport.ts';
import { runConformance } from '../conformance/runConformance.ts';
import { SearchBudget } from '../check/SearchBudget.ts';
import { stopRunInFlight, withImplementationOutput } from '../conformance/stoppingBudget.ts';
import { unusableFailureDirectory } from '../failures/failureStore.ts';
import { knownFailures } from '../failures/saveCounterexamples.ts';
import { jsonReport, type JsonReport } from '../report/jsonReport.ts';
import { checkSettings, type CheckOptions, type CheckSettings } from './CheckOptions.ts';
import { openTarget, type ConformanceTarget, type OpenedTarget } from './ConformanceTarget.ts';
import { replayCommand, saveCounterexamples, searchCommand } from './replayFiles.ts';

/** How long an aborted check may take to wind down before the promise rejects anyway (an in-process server cannot be stopped). */
const ABORT_GRACE_MS = 2000;

/** A finished check: the engine's report, the `--json` report, and how to replay each counterexample. */
export interface CheckResult {
  readonly report: ConformanceReport;
  readonly json: JsonReport;
  readonly settings: CheckSettings;
  /** The command that replays `counterexample`: `--replay` of its saved file, or else the search that finds it again. */
  readonly replayCommand: (counterexample: ExplainedCounterexample) => string;
}

/**
 * Checks an implementation against every property; returns the same report as
 * `sync-check --json`. Rejects with a LoadError when the target cannot be
 * loaded, and with `signal.reason` when the signal aborts the check.
 */
export async function checkConformance(target: ConformanceTarget, options: CheckOptions = {}): Promise<JsonReport> {
  return (await runCheck(target, options)).json;
}

/** `checkConformance` with everything the text report needs (the vitest helper prints counterexamples from it). */
export async function runCheck(target: ConformanceTarget, options: CheckOptions = {}): Promise<CheckResult> {
  const settings = checkSettings(options);
  const { signal } = options;
  signal?.throwIfAborted();
  if (settings.out !== undefined) {
    const unusable = unusableFailureDirectory(settings.out);
    if (unusable !== undefined) throw new Error(unusable.replace(/^--out/, 'out'));
  }
  stopChildrenOnExit();
  const opened = await openUnlessAborted(target, signal);
  try {
    signal?.throwIfAborted();
    return await checkOpened(opened, settings, signal);
  } finally {
    await opened.close();
  }
}

async function checkOpened(opened: OpenedTarget, settings: CheckSettings, signal: AbortSignal | undefined): Promise<CheckResult> {
  const warn = (warning: string): void => console.warn(`sync-check: warning: ${warning}`);
  // Out of time: the run in flight gets a grace period, then is stopped under the search. Aborted: stopped now.
  const budget = new SearchBudget(settings.budgetSeconds);
  stopRunInFlight(budget, () => opened.abort());
  const onAbort = (): void => {
    budget.interrupt();
    opened.abort();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const checking = runConformance(opened.host, {
      modes: settings.modes,
      runs: settings.runs,
      seed: settings.seed,
      strict: settings.strict,
      failFast: settings.failFast,
      lanes: settings.modesAtOnce,
      timeoutMs: settings.timeoutMs,
      ...(settings.deviceCount === undefined ? {} : { deviceCount: settings.deviceCount }),
      ...(settings.includeJunk === undefined ? {} : { includeJunk: settings.includeJunk }),
      ...(settings.maxLength === undefined ? {} : { maxLength: settings.maxLength }),
      ...(settings.onProgress === undefined ? {} : { onProgress: settings.onProgress }),
      knownFailures: settings.out === undefined ? [] : knownFailures(settings.out, opened.implementation, (reason) => warn(`skipping ${reason}`)),
      budget,
    });
    const searched = await (signal === undefined ? checking : windDown(checking, signal));
    signal?.throwIfAborted();
    const report = withImplementationOutput(searched, opened);
    const files = settings.out === undefined ? new Map<ExplainedCounterexample, string>() : saveCounterexamples(settings.out, report, opened, settings, warn);
    return {
      report,
      json: jsonReport(report, opened.label, files),
      settings,
      replayCommand: (counterexample) => {
        const file = files.get(counterexample);
        return file === undefined ? searchCommand(opened, settings, counterexample.scenario.mode) : replayCommand(opened, file);
      },
    };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    budget.dispose();
  }
}

/** Opens the target; aborted while it loads, rejects at once and closes what loads later. */
async function openUnlessAborted(target: ConformanceTarget, signal: AbortSignal | undefined): Promise<OpenedTarget> {
  const opening = openTarget(target);
  if (signal === undefined) return opening;
  const aborted = whenAborted(signal);
  try {
    return await Promise.race([opening, aborted.promise]);
  } catch (error) {
    if (signal.aborted) opening.then((late) => late.close(), () => {}).catch(() => {});
    throw error;
  } finally {
    aborted.dispose();
  }
}

/** `work`, or once the signal aborts, at most ABORT_GRACE_MS more of it before rejecting with the signal's reason. */
async function windDown<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  const aborted = whenAborted(signal, ABORT_GRACE_MS);
  try {
    return await Promise.race([work, aborted.promise]);
  } finally {
    aborted.dispose();
  }
}

/** A promise that rejects with the signal's reason `delayMs` after it aborts; `dispose` forgets it. */
function whenAborted(signal: AbortSignal, delayMs = 0): { promise: Promise<never>; dispose: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let onAbort = (): void => {};
  const promise = new Promise<never>((_resolve, reject) => {
    const fail = (): void => reject(reasonOf(signal));
    onAbort = () => {
      timer = setTimeout(fail, delayMs);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  // Nobody may be listening any more when it rejects.
  promise.catch(() => {});
  return {
    promise,
    dispose: () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}

/** The signal's reason, as `throwIfAborted` throws it (an AbortError DOMException unless the caller gave one). */
function reasonOf(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}

let exitHookInstalled = false;

/** Whatever ends this process normally, no implementation process a check started outlives it. */
function stopChildrenOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', stopAllRunning);
}
