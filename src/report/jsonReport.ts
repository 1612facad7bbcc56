/** The machine-readable report: what `sync-check --json` prints and `checkConformance` returns. */
import type { NetworkMode } from '../../model/index.ts';
import { CATALOGUE, type Level, type PropertyId } from '../../properties/index.ts';
import { randomSearchOf, type ConformanceReport, type ExhaustiveModeSummary, type ExhaustiveSettings, type ExplainedCounterexample, type Status } from '../conformance/ConformanceReport.ts';
import type { Statistics } from '../check/statistics.ts';
import type { CapturedOutput } from '../adapters/worker/outputCapture.ts';
import { cutNote, findingMessage } from './counterexampleText.ts';
import { formatTrace } from './formatTrace.ts';
import { findingFor, findingsInOrder, modeStatus, verdictFor, verdictLabel, worstStatus } from './findings.ts';
import { beyondBounds, nextBound, shownWithinBounds, type NextBound } from './boundsShown.ts';

export interface JsonCounterexample {
  readonly mode: NetworkMode;
  readonly devices: number;
  readonly events: number;
  /** The events in one line, as `emit[0] probe[0] drop[#1]`: the events that ran (the run stops at its failure). */
  readonly trace: string;
  /** Set when fewer events ran than the scenario has: why (the run stopped at the failing step). */
  readonly cut?: string;
  /** What failed, as the text report says it (plainer than the check's own words where those mislead). */
  readonly message: string;
  /** 1-based event index, or null when it failed at the end or in the liveness phase. */
  readonly step: number | null;
  /** fast-check's seed and path of the search that found it (from the corpus: the replay file's); 0 and '' when an exhaustive search found it. */
  readonly seed: number;
  readonly path: string;
  /** True when it came from the corpus of earlier failures. */
  readonly known: boolean;
  /** True when an exhaustive search found it: a shortest failing sequence within its bounds. */
  readonly shortest: boolean;
  /** Why shrinking stopped early, when it did: the trace may not be the shortest fast-check would find. */
  readonly shrinkCut?: string;
  /** The saved replay file, when one was written. */
  readonly replayFile?: string;
  /** With `--exhaustive`, for a trace the random search found: where it lies outside the exhaustive bounds. */
  readonly beyondBounds?: readonly string[];
}

export interface JsonProperty {
  readonly id: PropertyId;
  readonly name: string;
  readonly level: Level;
  readonly status: Status;
  readonly runs: number;
  /** Per mode, over both searches when a random search followed an exhaustive one. */
  readonly modes: Readonly<Partial<Record<NetworkMode, Status>>>;
  /** The shortest counterexample over every mode (and both searches): the one the text report prints. */
  readonly counterexample?: JsonCounterexample;
  /** The other counterexamples found for this property, shortest first (the text lists them under the finding). */
  readonly otherCounterexamples?: readonly JsonCounterexample[];
  /** With `--exhaustive` and the random search after it: that search's runs and statuses for this property. */
  readonly random?: { readonly runs: number; readonly modes: Readonly<Partial<Record<NetworkMode, Status>>> };
}

export interface JsonReport {
  /** `bounded`: `--exhaustive --no-random` found nothing within its bounds, and nothing beyond them was tried (not a pass). */
  readonly verdict: 'pass' | 'warn' | 'fail' | 'bounded';
  readonly implementation: string;
  /** The random search's seed and runs per mode (after `--exhaustive`, of the random search after it; absent when there was none). */
  readonly seed?: number;
  readonly runsPerMode?: number;
  readonly strict: boolean;
  readonly modes: readonly NetworkMode[];
  readonly properties: readonly JsonProperty[];
  /** The properties with a counterexample, in the order the text report prints them: shortest first. */
  readonly findings: readonly PropertyId[];
  readonly knownFailures: { readonly replayed: number; readonly stillFailing: number };
  readonly statistics: Readonly<Partial<Record<NetworkMode, Statistics>>>;
  /** Present when the check stopped before it was done: 'budget' or 'interrupted'. */
  readonly cutShort?: string;
  /** Present (true) when --fail-fast ended the check at its first failure: the properties n/a were not judged. */
  readonly stoppedAtFirstFailure?: boolean;
  /** Runs per mode that ended early because the server stopped answering. */
  readonly abandonedRuns: Readonly<Partial<Record<NetworkMode, number>>>;
  /** What the implementation printed (kept out of this JSON's stream). */
  readonly implementationOutput?: CapturedOutput;
  /** Present for `--exhaustive`: the bounds, the pruning, and per mode what was covered. */
  readonly exhaustive?: ExhaustiveSettings & {
    readonly modes: Readonly<Partial<Record<NetworkMode, ExhaustiveModeSummary & JsonExhaustiveShown>>>;
    /** The random search after the exhaustive one: its seed and runs, or why it was not run. */
    readonly random: { readonly seed: number; readonly runsPerMode: number; readonly abandonedRuns: Readonly<Partial<Record<NetworkMode, number>>> } | { readonly notRun: string };
  };
}

/** What an exhaustive search of one mode showed, as the text says it, and the next bound up. */
export interface JsonExhaustiveShown {
  readonly shown: string;
  readonly next?: NextBound;
}

/** Builds the JSON report; `replayFiles` maps counterexamples to the files they were saved in. */
export function jsonReport(report: ConformanceReport, implementation: string, replayFiles: ReadonlyMap<ExplainedCounterexample, string> = new Map()): JsonReport {
  const random = report.randomSearch;
  const beyond = (counterexample: ExplainedCounterexample): readonly string[] | undefined => {
    const settings = report.search;
    if (settings.kind !== 'exhaustive' || counterexample.origin.kind === 'exhaustive') return undefined;
    const depth = report.modes.find((mode) => mode.mode === counterexample.scenario.mode)?.exhaustive?.depth ?? 0;
    return beyondBounds(counterexample.scenario, { ...settings.bounds, depth });
  };
  const properties = CATALOGUE.map((property): JsonProperty => {
    const perMode = report.modes.map((mode) => ({ mode: mode.mode, verdict: verdictFor(mode.verdicts, property.id) }));
    const finding = findingFor(report, property.id);
    const randomModes = random?.modes.map((mode) => ({ mode: mode.mode, verdict: verdictFor(mode.verdicts, property.id) }));
    return {
      id: property.id,
      name: property.name,
      level: property.level,
      status: worstStatus(report, property.id),
      runs: perMode.reduce((sum, { verdict }) => sum + (verdict?.runs ?? 0), 0),
      modes: Object.fromEntries(report.modes.map((mode) => [mode.mode, modeStatus(report, mode.mode, property.id)])),
      ...(finding === undefined ? {} : { counterexample: jsonCounterexample(finding.best, replayFiles.get(finding.best), beyond(finding.best)) }),
      ...(finding === undefined || finding.others.length === 0 ? {} : { otherCounterexamples: finding.others.map((other) => jsonCounterexample(other, replayFiles.get(other), beyond(other))) }),
      ...(randomModes === undefined
        ? {}
        : {
            random: {
              runs: randomModes.reduce((sum, { verdict }) => sum + (verdict?.runs ?? 0), 0),
              modes: Object.fromEntries(randomModes.map(({ mode, verdict }) => [mode, verdict?.status ?? 'n/a'])),
            },
          }),
    };
  });
  const statisticsOf = random ?? report;
  // An exhaustive search with no random search after it has no seed and no runs.
  const made = randomSearchOf(report);
  return {
    verdict: verdictLabel(report),
    implementation,
    ...(made === undefined ? {} : { seed: made.seed, runsPerMode: made.runsPerMode }),
    strict: report.strict,
    modes: report.modes.map((mode) => mode.mode),
    properties,
    findings: findingsInOrder(report).map((finding) => finding.id),
    knownFailures: {
      replayed: report.modes.reduce((sum, mode) => sum + mode.knownFailures.replayed, 0),
      stillFailing: report.modes.reduce((sum, mode) => sum + mode.knownFailures.stillFailing, 0),
    },
    statistics: Object.fromEntries(statisticsOf.modes.map((mode) => [mode.mode, mode.statistics])),
    abandonedRuns: Object.fromEntries(report.modes.map((mode) => [mode.mode, mode.abandonedRuns ?? 0])),
    ...(report.cutShort === undefined ? {} : { cutShort: report.cutShort }),
    ...(report.stoppedAtFirstFailure === true ? { stoppedAtFirstFailure: true } : {}),
    ...(report.implementationOutput === undefined ? {} : { implementationOutput: report.implementationOutput }),
    ...(report.search.kind === 'exhaustive' ? { exhaustive: jsonExhaustive(report, report.search) } : {}),
  };
}

/** The exhaustive part: the bounds, the pruning, per mode what was covered, and the random search after it. */
function jsonExhaustive(report: ConformanceReport, { bounds, pruning }: ExhaustiveSettings): NonNullable<JsonReport['exhaustive']> {
  const random = report.randomSearch;
  const made = randomSearchOf(report);
  const modes = report.modes.flatMap((mode): [NetworkMode, ExhaustiveModeSummary & JsonExhaustiveShown][] => {
    if (mode.exhaustive === undefined) return [];
    const next = mode.cutShort !== undefined || mode.gaveUp === true ? undefined : nextBound(mode.mode, mode.exhaustive);
    return [[mode.mode, { ...mode.exhaustive, shown: shownWithinBounds(mode, bounds), ...(next === undefined ? {} : { next }) }]];
  });
  return {
    bounds,
    pruning,
    modes: Object.fromEntries(modes),
    random:
      random === undefined || made === undefined
        ? { notRun: report.randomSearchSkipped ?? 'not requested' }
        : { seed: made.seed, runsPerMode: made.runsPerMode, abandonedRuns: Object.fromEntries(random.modes.map((mode) => [mode.mode, mode.abandonedRuns ?? 0])) },
  };
}

function jsonCounterexample(counterexample: ExplainedCounterexample, replayFile: string | undefined, beyond: readonly string[] | undefined): JsonCounterexample {
  const { scenario, finding, origin } = counterexample;
  const trace = formatTrace(counterexample);
  const cut = cutNote(counterexample, trace);
  return {
    mode: scenario.mode,
    devices: scenario.deviceCount,
    events: scenario.events.length,
    trace: trace.compact,
    ...(cut === undefined ? {} : { cut }),
    message: findingMessage(counterexample, trace),
    step: finding.step ?? null,
    // An exhaustive counterexample has no seed or path; the format has always given it 0 and ''.
    seed: origin.kind === 'exhaustive' ? 0 : origin.seed,
    path: origin.kind === 'exhaustive' ? '' : origin.path,
    known: origin.kind === 'saved',
    shortest: origin.kind === 'exhaustive',
    ...(origin.kind !== 'random' || origin.shrinkCut === undefined ? {} : { shrinkCut: origin.shrinkCut }),
    ...(replayFile === undefined ? {} : { replayFile }),
    ...(beyond === undefined ? {} : { beyondBounds: beyond }),
  };
}
