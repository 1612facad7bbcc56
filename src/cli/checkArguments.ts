/** The check's options as commander parsed them, checked together, or a one-line usage error. */
import type { NetworkMode } from '../../model/index.ts';
import { MAX_DEVICES } from '../../properties/index.ts';
import { MAX_LANES } from '../conformance/modeLanes.ts';
import { DEFAULT_RUNS, DEFAULT_TIMEOUT_MS } from '../conformance/runConformance.ts';
import { DEFAULT_FAILURE_DIR } from '../failures/failureStore.ts';
import { parseShard, WHOLE, type Shard } from '../soak/batchPlan.ts';
import type { ExhaustiveBounds } from '../exhaustive/exhaustiveBounds.ts';
import { integerOption, parseModes, UsageError } from './commandLine.ts';
import type { ReportFiles } from './reportFiles.ts';

/** The default time budget of a whole check: far above what a default check takes, low enough that a hostile server cannot hold a CI job. */
export const DEFAULT_BUDGET_SECONDS = 600;

export interface SyncCheckArguments {
  /** The implementation file, or undefined for the bundled reference. */
  readonly implementation: string | undefined;
  /** A program speaking the wire protocol, instead of a file. */
  readonly command: string | undefined;
  readonly modes: readonly NetworkMode[];
  readonly runs: number;
  readonly seed: number | undefined;
  readonly deviceCount: number | undefined;
  readonly strict: boolean;
  /** End the random search at its first failure (the other properties stay n/a). */
  readonly failFast: boolean;
  /** At most this many modes searched at the same time, each on a copy of a Python solution of its own. */
  readonly modesAtOnce: number;
  readonly timeoutMs: number;
  /** The most time the whole check may take, in seconds. */
  readonly budgetSeconds: number;
  readonly json: boolean;
  readonly replay: string | undefined;
  readonly out: string;
  /** Soak: keep generating runs for this long (with `runs` per batch). */
  readonly minutes: number | undefined;
  readonly workers: number | undefined;
  readonly shard: Shard;
  /** Every event sequence within bounds, then (unless `random` is false) random runs; undefined for random runs alone. */
  readonly exhaustive: Partial<ExhaustiveBounds> | undefined;
  /** With `--exhaustive`: run the random search after the exhaustive one (default true; `--no-random` turns it off). */
  readonly random: boolean;
  /** Report files to write besides stdout (`--csv`, `--junit`, `--html`). */
  readonly reports: ReportFiles;
  /** Where to write each finding's text, diagram and step view as JSON (what a check of many asks each child for). */
  readonly details: string | undefined;
}

/** The check's options as commander gives them: strings as typed, booleans for flags, undefined when not given. */
export interface CheckOptionValues {
  readonly mode?: string;
  readonly runs?: string;
  readonly seed?: string;
  readonly devices?: string;
  readonly strict?: boolean;
  readonly failFast?: boolean;
  readonly modesAtOnce?: string;
  readonly timeout?: string;
  readonly budget?: string;
  readonly json?: boolean;
  readonly replay?: string;
  readonly command?: string;
  readonly out?: string;
  readonly minutes?: string;
  readonly workers?: string;
  readonly shard?: string;
  readonly exhaustive?: boolean;
  readonly depth?: string;
  readonly records?: string;
  readonly pending?: string;
  readonly contents?: string;
  readonly junk?: string;
  /** false when --no-random was given. */
  readonly random?: boolean;
  readonly jobs?: string;
  readonly csv?: string;
  readonly junit?: string;
  readonly html?: string;
  readonly details?: string;
}

/** The options' values checked together, or a UsageError. */
export function checkArguments(values: CheckOptionValues, operands: readonly string[]): SyncCheckArguments {
  if (operands.length > 0 && values.command !== undefined) throw new UsageError('give either an implementation file or --command, not both');
  if (values.command?.trim() === '') throw new UsageError('--command needs a program to run');
  const minutes = values.minutes === undefined ? undefined : Number(values.minutes);
  if (minutes !== undefined && !(minutes > 0 && minutes <= 24 * 60)) throw new UsageError(`--minutes must be a number above 0 and at most 1440, got ${JSON.stringify(values.minutes)}`);
  if (minutes === undefined && (values.workers !== undefined || values.shard !== undefined)) throw new UsageError('--workers and --shard go with --minutes');
  const boundOptions = { depth: values.depth, records: values.records, pending: values.pending, contents: values.contents, junk: values.junk };
  const givenBounds = Object.entries(boundOptions).filter(([, text]) => text !== undefined).map(([name]) => `--${name}`);
  const exhaustive = values.exhaustive === true;
  const noRandom = values.random === false;
  if (!exhaustive && givenBounds.length > 0) throw new UsageError(`${givenBounds.join(', ')} go${givenBounds.length === 1 ? 'es' : ''} with --exhaustive`);
  if (noRandom && !exhaustive) throw new UsageError('--no-random goes with --exhaustive (without it, sync-check runs only the random search)');
  if (exhaustive) {
    // The random search after the exhaustive one takes --runs and --seed, unless --no-random turns it off.
    const randomOnly = noRandom ? (['runs', 'seed', 'minutes', 'replay'] as const) : (['minutes', 'replay'] as const);
    const random = randomOnly.filter((name) => values[name] !== undefined).map((name) => `--${name}`);
    if (random.length > 0) throw new UsageError(`${random.join(', ')} ${random.length === 1 ? 'is' : 'are'} for random runs, not --exhaustive${noRandom ? ' --no-random' : ''}`);
  }
  if (values.failFast === true && (exhaustive || minutes !== undefined)) {
    throw new UsageError(`--fail-fast is for the random search: ${exhaustive ? '--exhaustive judges every property within its bounds' : '--minutes already stops at the first failure'}`);
  }
  if (values.replay !== undefined) refuseSearchOptions({ ...values, ...(values.failFast === true ? { 'fail-fast': true } : {}) });
  const shard = values.shard === undefined ? WHOLE : parseShard(values.shard);
  if (typeof shard === 'string') throw new UsageError(shard);
  return {
    implementation: operands[0],
    command: values.command,
    modes: parseModes(values.mode ?? 'all'),
    runs: integerOption('--runs', values.runs, 1, 10_000_000) ?? DEFAULT_RUNS,
    seed: integerOption('--seed', values.seed, 0, 2 ** 31 - 1),
    deviceCount: integerOption('--devices', values.devices, 1, MAX_DEVICES),
    strict: values.strict === true,
    failFast: values.failFast === true,
    modesAtOnce: integerOption('--modes-at-once', values.modesAtOnce, 1, MAX_LANES) ?? MAX_LANES,
    timeoutMs: integerOption('--timeout', values.timeout, 1, 3_600_000) ?? DEFAULT_TIMEOUT_MS,
    budgetSeconds: integerOption('--budget', values.budget, 1, 7 * 24 * 3600) ?? DEFAULT_BUDGET_SECONDS,
    json: values.json === true,
    replay: values.replay,
    out: values.out ?? DEFAULT_FAILURE_DIR,
    minutes,
    workers: integerOption('--workers', values.workers, 1, 64),
    shard,
    exhaustive: exhaustive ? exhaustiveBounds(boundOptions, values.devices) : undefined,
    random: !noRandom,
    reports: { csv: values.csv, junit: values.junit, html: values.html },
    details: values.details,
  };
}

/** The options of a search, which a replay (one saved trace) has no use for. */
export const SEARCH_OPTIONS = ['runs', 'seed', 'minutes', 'devices', 'budget', 'workers', 'shard'] as const;

/** A replay refuses the search options, naming them. */
export function refuseSearchOptions(values: Partial<Record<(typeof SEARCH_OPTIONS)[number] | 'fail-fast', unknown>>): void {
  const given = [...SEARCH_OPTIONS, 'fail-fast' as const].filter((name) => values[name] !== undefined).map((name) => `--${name}`);
  if (given.length > 0) throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} for searches; a replay re-runs one saved trace`);
}

/** The bounds given on the command line; the rest keep their defaults. */
function exhaustiveBounds(texts: Readonly<Record<'depth' | 'records' | 'pending' | 'contents' | 'junk', string | undefined>>, devices: string | undefined): Partial<ExhaustiveBounds> {
  const bounds: Partial<Record<keyof ExhaustiveBounds, number | undefined>> = {
    depth: integerOption('--depth', texts.depth, 0, 30),
    devices: integerOption('--devices', devices, 1, 4),
    recordsPerDevice: integerOption('--records', texts.records, 0, 10),
    pendingPerDevice: integerOption('--pending', texts.pending, 0, 10),
    contents: integerOption('--contents', texts.contents, 1, 10),
    junk: integerOption('--junk', texts.junk, 0, 10),
  };
  return Object.fromEntries(Object.entries(bounds).filter(([, value]) => value !== undefined));
}
