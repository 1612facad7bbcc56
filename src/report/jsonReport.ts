/** The machine-readable report: what `sync-check --json` prints and `checkConformance` returns. */
import type { NetworkMode } from '../../model/index.ts';
import { CATALOGUE, type Level, type PropertyId } from '../../properties/index.ts';
import type { ConformanceReport, ExhaustiveModeSummary, ExhaustiveSettings, ExplainedCounterexample, Status } from '../check/runConformance.ts';
import type { Statistics } from '../check/statistics.ts';
import type { CapturedOutput } from '../adapters/worker/outputCapture.ts';
import { verdictFor, worstStatus } from './reportText.ts';

export interface JsonCounterexample {
  readonly mode: NetworkMode;
  readonly devices: number;
  readonly events: number;
  /** The events in one line, as `emit[0] probe[0] drop[#1]`. */
  readonly trace: string;
  readonly message: string;
  /** 1-based event index, or null when it failed at the end or in the liveness phase. */
  readonly step: number | null;
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
}

export interface JsonProperty {
  readonly id: PropertyId;
  readonly name: string;
  readonly level: Level;
  readonly status: Status;
  readonly runs: number;
  readonly modes: Readonly<Partial<Record<NetworkMode, Status>>>;
  readonly counterexample?: JsonCounterexample;
}

export interface JsonReport {
  readonly verdict: 'pass' | 'warn' | 'fail';
  readonly implementation: string;
  readonly seed: number;
  readonly runsPerMode: number;
  readonly strict: boolean;
  readonly modes: readonly NetworkMode[];
  readonly properties: readonly JsonProperty[];
  readonly knownFailures: { readonly replayed: number; readonly stillFailing: number };
  readonly statistics: Readonly<Partial<Record<NetworkMode, Statistics>>>;
  /** Present when the check stopped before it was done: 'budget' or 'interrupted'. */
  readonly cutShort?: string;
  /** Runs per mode that ended early because the server stopped answering. */
  readonly abandonedRuns: Readonly<Partial<Record<NetworkMode, number>>>;
  /** What the implementation printed (kept out of this JSON's stream). */
  readonly implementationOutput?: CapturedOutput;
  /** Present for `--exhaustive`: the bounds, the pruning, and per mode what was covered. */
  readonly exhaustive?: ExhaustiveSettings & {
    readonly modes: Readonly<Partial<Record<NetworkMode, ExhaustiveModeSummary>>>;
  };
}

/** Builds the JSON report; `replayFiles` maps counterexamples to the files they were saved in. */
export function jsonReport(report: ConformanceReport, implementation: string, replayFiles: ReadonlyMap<ExplainedCounterexample, string> = new Map()): JsonReport {
  const properties = CATALOGUE.map((property): JsonProperty => {
    const perMode = report.modes.map((mode) => ({ mode: mode.mode, verdict: verdictFor(mode.verdicts, property.id) }));
    const failing = perMode
      .flatMap(({ verdict }) => (verdict?.counterexample === undefined ? [] : [verdict.counterexample]))
      .sort((left, right) => left.scenario.events.length - right.scenario.events.length)[0];
    return {
      id: property.id,
      name: property.name,
      level: property.level,
      status: worstStatus(report, property.id),
      runs: perMode.reduce((sum, { verdict }) => sum + (verdict?.runs ?? 0), 0),
      modes: Object.fromEntries(perMode.map(({ mode, verdict }) => [mode, verdict?.status ?? 'n/a'])),
      ...(failing === undefined ? {} : { counterexample: jsonCounterexample(failing, replayFiles.get(failing)) }),
    };
  });
  return {
    verdict: report.verdict,
    implementation,
    seed: report.seed,
    runsPerMode: report.runsPerMode,
    strict: report.strict,
    modes: report.modes.map((mode) => mode.mode),
    properties,
    knownFailures: {
      replayed: report.modes.reduce((sum, mode) => sum + mode.knownFailures.replayed, 0),
      stillFailing: report.modes.reduce((sum, mode) => sum + mode.knownFailures.stillFailing, 0),
    },
    statistics: Object.fromEntries(report.modes.map((mode) => [mode.mode, mode.statistics])),
    abandonedRuns: Object.fromEntries(report.modes.map((mode) => [mode.mode, mode.abandonedRuns ?? 0])),
    ...(report.cutShort === undefined ? {} : { cutShort: report.cutShort }),
    ...(report.implementationOutput === undefined ? {} : { implementationOutput: report.implementationOutput }),
    ...(report.exhaustive === undefined
      ? {}
      : { exhaustive: { ...report.exhaustive, modes: Object.fromEntries(report.modes.map((mode) => [mode.mode, mode.exhaustive])) } }),
  };
}

function jsonCounterexample(counterexample: ExplainedCounterexample, replayFile: string | undefined): JsonCounterexample {
  const { scenario, finding } = counterexample;
  return {
    mode: scenario.mode,
    devices: scenario.deviceCount,
    events: scenario.events.length,
    trace: counterexample.trace.compact,
    message: finding.message,
    step: finding.step ?? null,
    seed: counterexample.seed,
    path: counterexample.path,
    known: counterexample.known,
    shortest: counterexample.foundBy === 'exhaustive',
    ...(counterexample.shrinkCut === undefined ? {} : { shrinkCut: counterexample.shrinkCut }),
    ...(replayFile === undefined ? {} : { replayFile }),
  };
}
