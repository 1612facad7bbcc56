/** `sync-check --exhaustive`: every mode searched exhaustively, each property with a verdict of its own. */
import { NETWORK_MODES, type NetworkMode } from '../../model/index.ts';
import { propertiesFor, type Property, type PropertyId } from '../../properties/index.ts';
import { evaluatorFor } from '../check/evaluateSequence.ts';
import { HangPace } from '../check/HangPace.ts';
import type { CutShort, SearchBudget } from '../check/SearchBudget.ts';
import { asHost, type ScenarioHost } from '../check/ScenarioHost.ts';
import type { ServiceFactory } from '../check/service.ts';
import { DEFAULT_DEPTH, DEFAULT_EXHAUSTIVE_BOUNDS, type ExhaustiveBounds } from '../exhaustive/exhaustiveBounds.ts';
import { searchExhaustively, type ExhaustiveFailure, type SearchCounts } from '../exhaustive/searchExhaustively.ts';
import type { ConformanceReport, ExplainedCounterexample, ModeReport } from './ConformanceReport.ts';
import { judgeEachProperty, type SearchRound } from './judgeEachProperty.ts';
import { DEFAULT_TIMEOUT_MS } from './runConformance.ts';
import { overallVerdict } from './verdicts.ts';

export interface ExhaustiveOptions {
  readonly modes?: readonly NetworkMode[];
  readonly bounds?: Partial<ExhaustiveBounds>;
  readonly strict?: boolean;
  readonly timeoutMs?: number;
  /** Judge only these properties (of those that apply in a mode); default all. */
  readonly only?: readonly PropertyId[];
  /** End each mode at its first failure instead of giving every property a verdict (the others stay n/a). */
  readonly stopAtFirstFailure?: boolean;
  /** Called after every sequence run, for progress displays. */
  readonly onProgress?: (mode: NetworkMode, depth: number, sequences: number) => void;
  /** Stops the search when time runs out or the user interrupts. */
  readonly budget?: SearchBudget;
}

/** The pruning every exhaustive search uses, as the report states it. */
export const PRUNING: readonly string[] = [
  'equivalent picks: deliver, drop and duplicate events that act on the same pending reply are one event (the checker owns the network, so this is exact)',
  'failing sequences are not extended (breadth first, the first failure is a shortest one)',
  'seen states: a sequence that reaches a state already seen (server input history, devices, replies in flight) is not extended; this covers sequences that differ only in the order of independent network events. Exact for a deterministic server, and every replay confirms that its prefix reached the same state again',
];

export const SNAPSHOT_PRUNING = "server snapshots: the server's snapshot() stood in for its input history, so different histories that leave it in one state meet";

/** Checks `factory` exhaustively in every requested mode. */
export async function exhaustiveConformance(subject: ScenarioHost | ServiceFactory, options: ExhaustiveOptions = {}): Promise<ConformanceReport> {
  const host = asHost(subject);
  const bounds: PartialDepth = { ...DEFAULT_EXHAUSTIVE_BOUNDS, ...options.bounds };
  const strict = options.strict ?? false;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const modes: ModeReport[] = [];
  const pace = new HangPace(timeoutMs);
  for (const mode of options.modes ?? NETWORK_MODES) {
    const onSequence = options.onProgress === undefined ? undefined : (depth: number, sequences: number) => options.onProgress?.(mode, depth, sequences);
    const stopAtFirstFailure = options.stopAtFirstFailure ?? false;
    const only = options.only;
    const budget = options.budget;
    modes.push(await checkModeExhaustively(host, mode, boundsFor(mode, bounds), { strict, timeoutMs, onSequence, stopAtFirstFailure, only, budget, pace }));
  }
  const usedSnapshots = modes.some((mode) => mode.exhaustive?.usedSnapshots === true);
  const cutShort = options.budget?.cutShort ?? modes.find((mode) => mode.cutShort !== undefined)?.cutShort;
  return {
    ...(cutShort === undefined ? {} : { cutShort }),
    verdict: overallVerdict(modes, cutShort),
    search: { kind: 'exhaustive', bounds: withoutDepth(bounds), pruning: usedSnapshots ? [...PRUNING, SNAPSHOT_PRUNING] : PRUNING },
    strict,
    modes,
  };
}

interface ModeSettings {
  readonly strict: boolean;
  readonly timeoutMs: number;
  readonly stopAtFirstFailure: boolean;
  readonly only: readonly PropertyId[] | undefined;
  readonly onSequence: ((depth: number, sequences: number) => void) | undefined;
  readonly budget: SearchBudget | undefined;
  readonly pace: HangPace;
}

type PartialDepth = Omit<ExhaustiveBounds, 'depth'> & { readonly depth?: number | undefined };

function withoutDepth({ depth: _depth, ...rest }: PartialDepth): Omit<ExhaustiveBounds, 'depth'> {
  return rest;
}

/** The bounds of one mode: the depth given, or the mode's default. */
function boundsFor(mode: NetworkMode, bounds: PartialDepth): ExhaustiveBounds {
  return { ...bounds, depth: bounds.depth ?? DEFAULT_DEPTH[mode] };
}

/** Searches the mode within `bounds`, each property judged on its own by the shortest sequence that breaks it. */
async function checkModeExhaustively(host: ScenarioHost, mode: NetworkMode, bounds: ExhaustiveBounds, settings: ModeSettings): Promise<ModeReport> {
  const started = performance.now();
  let total: SearchCounts | undefined;
  let cutShort: CutShort | undefined;
  let gaveUp = false;
  const evaluate = host.evaluateSequence ?? evaluatorFor(host.factory);
  const search = async (active: readonly Property[]): Promise<SearchRound> => {
    const sequencesBefore = total?.sequences ?? 0;
    const onSequence = settings.onSequence === undefined ? undefined : (depth: number, sequences: number) => settings.onSequence?.(depth, sequencesBefore + sequences);
    const found = await searchExhaustively(evaluate, mode, bounds, { ...settings, properties: active, onSequence });
    const { failure, counts } = found;
    total = sumCounts(total, counts);
    cutShort = found.cutShort;
    gaveUp ||= found.gaveUp === true;
    // Stopped early, the bounds were not covered: no property is judged by a partial exhaustive search.
    const unbroken = cutShort === undefined && found.gaveUp !== true ? 'pass' : 'n/a';
    const counterexample = failure === undefined ? undefined : exhaustiveCounterexample(failure, active);
    return { counterexample, judged: counts.sequences, unbroken, last: settings.stopAtFirstFailure };
  };
  const only = settings.only;
  const verdicts = await judgeEachProperty(propertiesFor(mode, settings.strict).filter((property) => only?.includes(property.id) ?? true), search);
  const exhaustive = { ...(total ?? sumCounts(undefined, undefined)), depth: bounds.depth, milliseconds: Math.round(performance.now() - started) };
  return { mode, verdicts, knownFailures: { replayed: 0, stillFailing: 0 }, statistics: {}, exhaustive, abandonedRuns: exhaustive.abandoned, ...(gaveUp ? { gaveUp } : {}), ...(cutShort === undefined ? {} : { cutShort }) };
}

/** The shortest failing sequence as a counterexample: its run's recording is the trace; there is no seed or path to replay it by. */
function exhaustiveCounterexample(failure: ExhaustiveFailure, active: readonly Property[]): ExplainedCounterexample {
  const { scenario, finding, recording } = failure;
  const properties = active.map((item) => item.id);
  return { scenario, finding, properties, origin: { kind: 'exhaustive' }, ...(recording === undefined ? {} : { recording }) };
}

/** The counts of every search of a mode together; the depth completed and the sequences per depth and beyond it are the last search's (the one that judged the most). */
function sumCounts(total: SearchCounts | undefined, counts: SearchCounts | undefined): SearchCounts {
  const zero: SearchCounts = { sequences: 0, distinctStates: 0, revisited: 0, abandoned: 0, depthCompleted: -1, usedSnapshots: false, sequencesPerDepth: [], sequencesBeyondDepth: [] };
  const a = total ?? zero;
  const b = counts ?? zero;
  return {
    sequences: a.sequences + b.sequences,
    distinctStates: Math.max(a.distinctStates, b.distinctStates),
    revisited: a.revisited + b.revisited,
    abandoned: a.abandoned + b.abandoned,
    depthCompleted: b.depthCompleted,
    usedSnapshots: a.usedSnapshots || b.usedSnapshots,
    sequencesPerDepth: b.sequencesPerDepth,
    sequencesBeyondDepth: b.sequencesBeyondDepth,
  };
}
