/** `sync-check [check] IMPL`: the random search, or `--exhaustive` then the random search; the report, and the counterexamples saved. */
import type { LoadedImplementation } from '../adapters/loadImplementation.ts';
import { LoadError } from '../adapters/loadModule.ts';
import type { ConformanceReport } from '../conformance/ConformanceReport.ts';
import { runConformance } from '../conformance/runConformance.ts';
import type { ScenarioHost } from '../check/ScenarioHost.ts';
import { SearchBudget } from '../check/SearchBudget.ts';
import type { ExhaustiveBounds } from '../exhaustive/exhaustiveBounds.ts';
import { exhaustiveConformance } from '../conformance/exhaustiveConformance.ts';
import { brokenWithinBounds, withoutRandomSearch, withRandomSearch } from '../conformance/randomPhase.ts';
import { NondeterminismError } from '../exhaustive/searchExhaustively.ts';
import { unusableFailureDirectory } from '../failures/failureStore.ts';
import { knownFailures, saveCounterexamples } from '../failures/saveCounterexamples.ts';
import { jsonReport } from '../report/jsonReport.ts';
import { reportText } from '../report/reportText.ts';
import { statisticsText } from '../report/statisticsText.ts';
import type { SyncCheckArguments } from './checkArguments.ts';
import { UsageError } from './commandLine.ts';
import { INTERRUPTED_EXIT, type Io } from './io.ts';
import { exhaustiveProgress, terminalProgress } from './progress.ts';
import { stopRunInFlight, withImplementationOutput } from '../conformance/stoppingBudget.ts';
import { checkReportFiles } from './reportFiles.ts';
import { replayHint, writeCheckReports, type ReplayFiles } from './checkReports.ts';
import { savedTarget, saveSettings, targetId, targetOf, withImplementation, type Target } from './target.ts';

/** What a search reads of the command line. */
type SearchArguments = Pick<SyncCheckArguments, 'json' | 'modes' | 'modesAtOnce' | 'runs' | 'seed' | 'strict' | 'timeoutMs'>;
/** What reporting and saving read of it. */
type ReportArguments = Pick<SyncCheckArguments, 'json' | 'out' | 'strict' | 'timeoutMs' | 'reports' | 'details'>;

/** Runs the check; returns 0 (pass or warn), 1 (fail) or 130 (interrupted before a failure). */
export async function runCheck(args: SyncCheckArguments, io: Io): Promise<number> {
  const target = targetOf(args);
  const unusable = unusableFailureDirectory(args.out);
  if (unusable !== undefined) throw new UsageError(unusable);
  checkReportFiles({ ...args.reports, details: args.details }, args.implementation === undefined ? [] : [args.implementation]);
  const started = performance.now();
  const budget = new SearchBudget(args.budgetSeconds);
  io.onInterrupt?.(() => budget.interrupt());
  return withImplementation(target, async (loaded) => {
    // Out of time or interrupted: the run in flight gets a grace period, then is stopped under the search.
    stopRunInFlight(budget, () => loaded.abort());
    try {
      return await checkLoaded(args, io, { target, loaded, budget, started });
    } finally {
      budget.dispose();
    }
  });
}

async function checkLoaded(
  args: SyncCheckArguments,
  io: Io,
  { target, loaded, budget, started }: { target: Target; loaded: LoadedImplementation; budget: SearchBudget; started: number },
): Promise<number> {
  const withOutput = (report: ConformanceReport): ConformanceReport => withImplementationOutput(report, loaded);
  const reportLoaded = (args: ReportArguments, io: Io, target: Target, report: ConformanceReport): number => {
    const { code, replayFiles } = printReport(args, io, target, report);
    return writeCheckReports(args, io, { label: target.label, report, replayFiles, code, seconds: (performance.now() - started) / 1000 });
  };
  if (args.exhaustive !== undefined) {
    const exhaustive = await searchAll(loaded, args, args.exhaustive, io, budget);
    let report: ConformanceReport;
    if (!args.random) report = withoutRandomSearch(exhaustive, '--no-random');
    else if (exhaustive.cutShort !== undefined) report = withoutRandomSearch(exhaustive, 'the exhaustive search was cut short');
    else report = withRandomSearch(exhaustive, await randomSearchAfter(loaded, args, exhaustive, io, budget));
    return reportLoaded(args, io, target, withOutput(report));
  }
  const progress = args.json || io.progress === undefined ? undefined : terminalProgress(io.progress, args.runs);
  const report = await runConformance(loaded, {
    modes: args.modes,
    runs: args.runs,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.deviceCount === undefined ? {} : { deviceCount: args.deviceCount }),
    strict: args.strict,
    failFast: args.failFast,
    lanes: args.modesAtOnce,
    timeoutMs: args.timeoutMs,
    knownFailures: knownFailures(args.out, targetId(target), (reason) => io.stderr(`sync-check: skipping ${reason}\n`)),
    onProgress: (mode, runs) => progress?.update(mode, runs),
    budget,
  });
  progress?.done();
  return reportLoaded(args, io, target, withOutput(report));
}

/**
 * After `--exhaustive`, the random search, for what lies beyond the bounds: every
 * device count up to 10, long runs, dozens of records, other record contents. It
 * does not look again for what the exhaustive search broke (its trace is a shortest
 * one), nor replay the corpus, so the report stays the same for the same seed.
 */
async function randomSearchAfter(loaded: LoadedImplementation, args: SearchArguments, exhaustive: ConformanceReport, io: Io, budget: SearchBudget): Promise<ConformanceReport> {
  const progress = args.json || io.progress === undefined ? undefined : terminalProgress(io.progress, args.runs);
  const report = await runConformance(loaded, {
    modes: args.modes,
    runs: args.runs,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    strict: args.strict,
    timeoutMs: args.timeoutMs,
    skip: brokenWithinBounds(exhaustive),
    lanes: args.modesAtOnce,
    onProgress: (mode, runs) => progress?.update(mode, runs),
    budget,
  });
  progress?.done();
  return report;
}

/** `--exhaustive`: every sequence within the bounds, with a progress line on a terminal. */
async function searchAll(host: ScenarioHost, args: Omit<SearchArguments, 'runs' | 'seed'>, bounds: Partial<ExhaustiveBounds>, io: Io, budget: SearchBudget): Promise<ConformanceReport> {
  const progress = args.json || io.progress === undefined ? undefined : exhaustiveProgress(io.progress);
  try {
    return await exhaustiveConformance(host, {
      modes: args.modes,
      bounds,
      strict: args.strict,
      timeoutMs: args.timeoutMs,
      onProgress: (mode, depth, sequences) => progress?.update(mode, depth, sequences),
      budget,
    });
  } catch (error) {
    if (error instanceof NondeterminismError) throw new LoadError(error.message);
    throw error;
  } finally {
    progress?.done();
  }
}

/** Saves the counterexamples and prints the report; the exit code follows the verdict. */
function printReport(args: ReportArguments, io: Io, target: Target, report: ConformanceReport): { code: number; replayFiles: ReplayFiles } {
  const { label } = target;
  const replayFiles = saveCounterexamples(report, savedTarget(target), saveSettings(args), (warning) => io.stderr(`sync-check: warning: ${warning}\n`));
  if (args.json) {
    io.stdout(`${JSON.stringify(jsonReport(report, label, replayFiles), null, 2)}\n`);
  } else {
    io.stdout(`sync-check ${label}\n${knownFailuresLine(report)}`);
    io.stdout(`${reportText(report, (counterexample) => replayHint(replayFiles.get(counterexample)))}\n`);
    const random = report.search.kind === 'random' ? report : report.randomSearch;
    const statistics = random === undefined ? [] : statisticsText(random);
    if (statistics.length > 0) io.stdout(`\n${statistics.join('\n')}\n`);
  }
  if (report.verdict === 'fail') return { code: 1, replayFiles };
  return { code: report.cutShort === 'interrupted' ? INTERRUPTED_EXIT : 0, replayFiles };
}

function knownFailuresLine(report: ConformanceReport): string {
  const replayed = report.modes.reduce((sum, mode) => sum + mode.knownFailures.replayed, 0);
  const failing = report.modes.reduce((sum, mode) => sum + mode.knownFailures.stillFailing, 0);
  return replayed === 0 ? '' : `replayed ${replayed} saved failure${replayed === 1 ? '' : 's'} first: ${failing} still fail${failing === 1 ? 's' : ''}\n`;
}
