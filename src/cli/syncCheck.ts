/** sync-check as a function: arguments in, text out, exit code back. The bin only wires it to the process. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { propertyById } from '../../properties/index.ts';
import { COMMAND_PREFIX, loadImplementation, type LoadedImplementation } from '../adapters/loadImplementation.ts';
import { LoadError } from '../adapters/loadModule.ts';
import type { Counterexample } from '../check/findCounterexample.ts';
import { runConformance, type ConformanceReport, type ExplainedCounterexample } from '../check/runConformance.ts';
import type { ScenarioHost } from '../check/ScenarioHost.ts';
import { errorText } from '../check/callService.ts';
import { SearchBudget } from '../check/SearchBudget.ts';
import { saveFailure, savedFailures, unusableFailureDirectory } from '../failures/failureStore.ts';
import { decodeReplayFile, MAX_REPLAY_BYTES, REPLAY_FORMAT, REPLAY_VERSION, ReplayFileError, type ReplayFile } from '../failures/replayFile.ts';
import { counterexampleText } from '../report/counterexampleText.ts';
import { describeTrace } from '../report/describeTrace.ts';
import { jsonReport } from '../report/jsonReport.ts';
import { markdownReport } from '../report/markdownReport.ts';
import { reportText } from '../report/reportText.ts';
import { statisticsText } from '../report/statisticsText.ts';
import { parseArguments, USAGE, UsageError, type SyncCheckArguments } from './parseArguments.ts';
import { exhaustiveProgress, terminalProgress } from './progress.ts';
import type { ExhaustiveBounds } from '../exhaustive/exhaustiveBounds.ts';
import { exhaustiveConformance } from '../exhaustive/exhaustiveConformance.ts';
import { brokenWithinBounds, withoutRandomSearch, withRandomSearch } from '../exhaustive/randomPhase.ts';
import { allCounterexamples } from '../report/findings.ts';
import { NondeterminismError } from '../exhaustive/searchExhaustively.ts';
import { soakCommand } from './soakCommand.ts';

export { identify, withImplementation };

/** Where output goes; tests pass collectors, the bin passes the process streams. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A terminal for the progress line, if there is one. */
  readonly progress?: NodeJS.WriteStream;
  /** Registers what to do on Ctrl-C, SIGTERM or SIGHUP (the bin wires the signals; tests may call it themselves). */
  readonly onInterrupt?: (interrupt: () => void) => void;
}

/** How long the run in flight may go on after the budget ran out or an interrupt, before its process is stopped. */
const STOP_GRACE_MS = 2000;

/** The exit code of a check interrupted before it found a failure. */
export const INTERRUPTED_EXIT = 130;

// From sources the reference is a .ts file, from dist a .js one: take the extension this file has.
export const REFERENCE_PATH = path.resolve(import.meta.dirname, `../reference/SyncService${path.extname(import.meta.filename)}`);

/** Runs sync-check; returns 0 (pass or warn), 1 (fail) or 2 (usage or loading error). */
export async function syncCheck(argv: readonly string[], io: Io): Promise<number> {
  try {
    const args = parseArguments(argv);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (args.replay !== undefined) return await replay(args, args.replay, io);
    return args.minutes === undefined ? await check(args, io) : await soakCommand(args, args.minutes, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof LoadError || error instanceof ReplayFileError) {
      io.stderr(`sync-check: ${error.message}\n`);
      if (error instanceof UsageError) io.stderr(`${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

/** The implementation's identity in replay files and the corpus, and its name in reports. */
function identify(args: SyncCheckArguments): { implementation: string; label: string; target: string } {
  if (args.command !== undefined) {
    const implementation = `${COMMAND_PREFIX}${args.command}`;
    return { implementation, label: `--command "${args.command}"`, target: implementation };
  }
  const target = args.implementation ?? REFERENCE_PATH;
  return { implementation: path.resolve(target), label: args.implementation ?? 'reference', target };
}

/** Loads the implementation, runs `work` with it, and always stops its process. */
async function withImplementation<Result>(target: string, work: (loaded: LoadedImplementation) => Promise<Result>): Promise<Result> {
  const loaded = await loadImplementation(target);
  try {
    return await work(loaded);
  } finally {
    await loaded.close();
  }
}

async function check(args: SyncCheckArguments, io: Io): Promise<number> {
  const { implementation, label, target } = identify(args);
  const unusable = unusableFailureDirectory(args.out);
  if (unusable !== undefined) throw new UsageError(unusable);
  const budget = new SearchBudget(args.budgetSeconds);
  io.onInterrupt?.(() => budget.interrupt());
  return withImplementation(target, async (loaded) => {
    // Out of time or interrupted: give the run in flight 2 s, then stop it under the search.
    budget.whenCutShort(() => setTimeout(() => loaded.abort(), STOP_GRACE_MS).unref());
    try {
      return await checkLoaded(args, io, { implementation, label, loaded, budget });
    } finally {
      budget.dispose();
    }
  });
}

async function checkLoaded(
  args: SyncCheckArguments,
  io: Io,
  { implementation, label, loaded, budget }: { implementation: string; label: string; loaded: LoadedImplementation; budget: SearchBudget },
): Promise<number> {
  const withOutput = (report: ConformanceReport): ConformanceReport => {
    const output = loaded.capturedOutput?.();
    return output === undefined ? report : { ...report, implementationOutput: output };
  };
  if (args.exhaustive !== undefined) {
    const exhaustive = await searchAll(loaded, args, args.exhaustive, io, budget);
    let report: ConformanceReport;
    if (!args.random) report = withoutRandomSearch(exhaustive, '--no-random');
    else if (exhaustive.cutShort !== undefined) report = withoutRandomSearch(exhaustive, 'the exhaustive search was cut short');
    else report = withRandomSearch(exhaustive, await randomSearchAfter(loaded, args, exhaustive, io, budget));
    return reportLoaded(args, io, { implementation, label }, withOutput(report));
  }
  const known = savedFailures(args.out, implementation, (reason) => io.stderr(`sync-check: skipping ${reason}\n`));
  const progress = args.json || io.progress === undefined ? undefined : terminalProgress(io.progress, args.runs);
  const report = await runConformance(loaded, {
    modes: args.modes,
    runs: args.runs,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.deviceCount === undefined ? {} : { deviceCount: args.deviceCount }),
    strict: args.strict,
    timeoutMs: args.timeoutMs,
    knownFailures: known.map(({ replay: saved }) => ({ scenario: saved.scenario, seed: saved.seed, path: saved.path })),
    onProgress: (mode, runs) => progress?.update(mode, runs),
    budget,
  });
  progress?.done();
  return reportLoaded(args, io, { implementation, label }, withOutput(report));
}

/**
 * After `--exhaustive`, the random search, for what lies beyond the bounds: every
 * device count up to 10, long runs, dozens of records, other record contents. It
 * does not look again for what the exhaustive search broke (its trace is a shortest
 * one), nor replay the corpus, so the report stays the same for the same seed.
 */
async function randomSearchAfter(loaded: LoadedImplementation, args: SyncCheckArguments, exhaustive: ConformanceReport, io: Io, budget: SearchBudget): Promise<ConformanceReport> {
  const progress = args.json || io.progress === undefined ? undefined : terminalProgress(io.progress, args.runs);
  const report = await runConformance(loaded, {
    modes: args.modes,
    runs: args.runs,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    strict: args.strict,
    timeoutMs: args.timeoutMs,
    skip: brokenWithinBounds(exhaustive),
    onProgress: (mode, runs) => progress?.update(mode, runs),
    budget,
  });
  progress?.done();
  return report;
}

/** `--exhaustive`: every sequence within the bounds, with a progress line on a terminal. */
async function searchAll(host: ScenarioHost, args: SyncCheckArguments, bounds: Partial<ExhaustiveBounds>, io: Io, budget: SearchBudget): Promise<ConformanceReport> {
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
function reportLoaded(args: SyncCheckArguments, io: Io, { implementation, label }: { implementation: string; label: string }, report: ConformanceReport): number {
  const replayFiles = saveCounterexamples(report, implementation, label, args, (warning) => io.stderr(`sync-check: warning: ${warning}\n`));
  if (args.json) {
    io.stdout(`${JSON.stringify(jsonReport(report, label, replayFiles), null, 2)}\n`);
  } else {
    io.stdout(`sync-check ${label}\n${knownFailuresLine(report)}`);
    io.stdout(`${reportText(report, (counterexample) => replayHint(replayFiles.get(counterexample)))}\n`);
    const random = report.exhaustive === undefined ? report : report.randomSearch;
    if (random !== undefined) io.stdout(`\n${statisticsText(random).join('\n')}\n`);
  }
  if (report.verdict === 'fail') return 1;
  return report.cutShort === 'interrupted' ? INTERRUPTED_EXIT : 0;
}

function replayHint(file: string | undefined): string {
  return file === undefined ? '(not saved: see the warning above; the same --seed finds it again)' : replayCommand(file);
}

function knownFailuresLine(report: ConformanceReport): string {
  const replayed = report.modes.reduce((sum, mode) => sum + mode.knownFailures.replayed, 0);
  const failing = report.modes.reduce((sum, mode) => sum + mode.knownFailures.stillFailing, 0);
  return replayed === 0 ? '' : `replayed ${replayed} saved failure${replayed === 1 ? '' : 's'} first: ${failing} still fail${failing === 1 ? 's' : ''}\n`;
}

function replayCommand(file: string): string {
  return `npx sync-check --replay ${file}`;
}

/** Saves every counterexample of the report; returns where each went. A file that cannot be saved is a warning: the report still prints. */
function saveCounterexamples(
  report: ConformanceReport,
  implementation: string,
  label: string,
  args: SyncCheckArguments,
  warn: (warning: string) => void,
): Map<ExplainedCounterexample, string> {
  const files = new Map<ExplainedCounterexample, string>();
  for (const counterexample of allCounterexamples(report)) {
    try {
      files.set(counterexample, saveCounterexample(counterexample, implementation, label, args));
    } catch (error) {
      warn(`could not save the ${counterexample.finding.property} counterexample in ${args.out}: ${errorText(error)}`);
    }
  }
  return files;
}

/** Saves one counterexample as a replay file with its Markdown report; returns the replay file. */
export function saveCounterexample(counterexample: ExplainedCounterexample, implementation: string, label: string, args: SyncCheckArguments): string {
  const markdownFor = (file: string): string => markdownReport(counterexample, label, replayCommand(file));
  return saveFailure(args.out, toReplayFile(counterexample, implementation, args), markdownFor);
}

function toReplayFile(counterexample: Counterexample, implementation: string, args: SyncCheckArguments): ReplayFile {
  return {
    format: REPLAY_FORMAT,
    version: REPLAY_VERSION,
    implementation,
    property: counterexample.finding.property,
    message: counterexample.finding.message,
    properties: counterexample.properties,
    strict: args.strict,
    timeoutMs: args.timeoutMs,
    seed: counterexample.seed,
    path: counterexample.path,
    scenario: counterexample.scenario,
  };
}

/**
 * Re-runs one saved trace against the implementation named on the command line,
 * or else the file the replay names, once it is shown and only if it is a
 * regular file. A replay file is data someone may send you: a command it names
 * is never run.
 */
async function replay(args: SyncCheckArguments, file: string, io: Io): Promise<number> {
  const saved = decodeReplayFile(readReplayText(file), file);
  if (args.command !== undefined || args.implementation !== undefined) return withImplementation(identify(args).target, (loaded) => replayLoaded(args, io, file, saved, loaded));
  if (saved.implementation.startsWith(COMMAND_PREFIX)) {
    const command = saved.implementation.slice(COMMAND_PREFIX.length);
    throw new ReplayFileError(`${file} names a command; replay files never run commands. If you trust it, type: npx sync-check --replay ${file} --command ${JSON.stringify(command)}`);
  }
  if (!existsSync(saved.implementation) || !statSync(saved.implementation).isFile()) {
    throw new ReplayFileError(`${file} names ${saved.implementation}, which is not a file here; name the implementation yourself: npx sync-check --replay ${file} PATH`);
  }
  io.stderr(`sync-check: replaying against ${saved.implementation} (named by the replay file)\n`);
  return withImplementation(saved.implementation, (loaded) => replayLoaded(args, io, file, saved, loaded));
}

function readReplayText(file: string): string {
  try {
    if (statSync(file).size > MAX_REPLAY_BYTES) throw new ReplayFileError(`${file} is larger than ${MAX_REPLAY_BYTES / 1024 / 1024} MB, so not a sync-check counterexample`);
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ReplayFileError) throw error;
    throw new ReplayFileError(`cannot read replay file ${file}`);
  }
}

async function replayLoaded(args: SyncCheckArguments, io: Io, file: string, saved: ReplayFile, loaded: LoadedImplementation): Promise<number> {
  const properties = saved.properties.map(propertyById);
  const strict = saved.strict || args.strict;
  const { finding } = await loaded.run(saved.scenario, { properties, strict, timeoutMs: saved.timeoutMs });
  const label = args.command !== undefined || args.implementation !== undefined ? identify(args).label : saved.implementation;
  if (finding === undefined) {
    const message = `the trace now passes: ${saved.property} no longer fails (${saved.scenario.events.length} events, ${saved.scenario.mode} mode)`;
    io.stdout(args.json ? `${JSON.stringify({ replay: file, implementation: label, stillFails: false })}\n` : `${label}: ${message}\n`);
    return 0;
  }
  const counterexample: Counterexample = { ...saved, finding, shrinks: 0 };
  if (args.json) {
    io.stdout(`${JSON.stringify({ replay: file, implementation: label, stillFails: true, property: finding.property, message: finding.message })}\n`);
  } else {
    const trace = await describeTrace(loaded.factory, counterexample, saved.timeoutMs);
    io.stdout(`${label}: the trace still fails\n${counterexampleText(counterexample, trace, replayCommand(file))}\n`);
  }
  // A warning is exit 0, as for a check (it fails only under --strict, where its level is fail).
  return finding.level === 'fail' ? 1 : 0;
}
