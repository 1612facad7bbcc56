/** sync-check's command line, parsed with node:util and checked, or a one-line usage error. */
import { parseArgs } from 'node:util';
import { NETWORK_MODES, type NetworkMode } from '../../model/index.ts';
import { MAX_DEVICES } from '../../properties/index.ts';
import { DEFAULT_RUNS, DEFAULT_TIMEOUT_MS } from '../check/runConformance.ts';
import { DEFAULT_FAILURE_DIR } from '../failures/failureStore.ts';
import { parseShard, WHOLE, type Shard } from '../soak/batchPlan.ts';
import type { ExhaustiveBounds } from '../exhaustive/exhaustiveBounds.ts';

export const USAGE =
  'usage: sync-check [IMPLEMENTATION | --command "PROGRAM ARGS"] [--mode seed|fifo|reorder|all] [--runs N] [--seed N] [--devices N] [--strict] [--timeout MS] [--budget SECONDS] [--json] [--replay FILE] [--out DIR] [--minutes M [--workers N] [--shard i/n]] [--exhaustive [--depth N] [--records N] [--pending N] [--contents N] [--junk N] [--no-random]]';

/** The default time budget of a whole check: far above what a default check takes, low enough that a hostile server cannot hold a CI job. */
export const DEFAULT_BUDGET_SECONDS = 600;

/** Raised for a command line that cannot be run; the message is one line. */
export class UsageError extends Error {}

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
  readonly timeoutMs: number;
  /** The most time the whole check may take, in seconds. */
  readonly budgetSeconds: number;
  readonly json: boolean;
  readonly replay: string | undefined;
  readonly out: string;
  readonly help: boolean;
  /** Soak: keep generating runs for this long (with `runs` per batch). */
  readonly minutes: number | undefined;
  readonly workers: number | undefined;
  readonly shard: Shard;
  /** Every event sequence within bounds, then (unless `random` is false) random runs; undefined for random runs alone. */
  readonly exhaustive: Partial<ExhaustiveBounds> | undefined;
  /** With `--exhaustive`: run the random search after the exhaustive one (default true; `--no-random` turns it off). */
  readonly random: boolean;
}

export function parseArguments(argv: readonly string[]): SyncCheckArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        mode: { type: 'string', default: 'all' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        devices: { type: 'string' },
        strict: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        budget: { type: 'string' },
        json: { type: 'boolean', default: false },
        replay: { type: 'string' },
        command: { type: 'string' },
        out: { type: 'string', default: DEFAULT_FAILURE_DIR },
        help: { type: 'boolean', short: 'h', default: false },
        minutes: { type: 'string' },
        workers: { type: 'string' },
        shard: { type: 'string' },
        exhaustive: { type: 'boolean', default: false },
        depth: { type: 'string' },
        records: { type: 'string' },
        pending: { type: 'string' },
        contents: { type: 'string' },
        junk: { type: 'string' },
        'no-random': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`expected at most one implementation, got ${positionals.length}: ${positionals.join(' ')}`);
  if (positionals.length > 0 && values.command !== undefined) throw new UsageError('give either an implementation file or --command, not both');
  if (values.command?.trim() === '') throw new UsageError('--command needs a program to run');
  const minutes = values.minutes === undefined ? undefined : Number(values.minutes);
  if (minutes !== undefined && !(minutes > 0 && minutes <= 24 * 60)) throw new UsageError(`--minutes must be a number above 0 and at most 1440, got ${JSON.stringify(values.minutes)}`);
  if (minutes === undefined && (values.workers !== undefined || values.shard !== undefined)) throw new UsageError('--workers and --shard go with --minutes');
  const boundOptions = { depth: values.depth, records: values.records, pending: values.pending, contents: values.contents, junk: values.junk };
  const givenBounds = Object.entries(boundOptions).filter(([, text]) => text !== undefined).map(([name]) => `--${name}`);
  if (!values.exhaustive && givenBounds.length > 0) throw new UsageError(`${givenBounds.join(', ')} go${givenBounds.length === 1 ? 'es' : ''} with --exhaustive`);
  if (values['no-random'] && !values.exhaustive) throw new UsageError('--no-random goes with --exhaustive (without it, sync-check runs only the random search)');
  if (values.exhaustive) {
    // The random search after the exhaustive one takes --runs and --seed, unless --no-random turns it off.
    const randomOnly = values['no-random'] ? ['runs', 'seed', 'minutes', 'replay'] : ['minutes', 'replay'];
    const random = randomOnly.filter((name) => values[name as 'runs'] !== undefined).map((name) => `--${name}`);
    if (random.length > 0) throw new UsageError(`${random.join(', ')} ${random.length === 1 ? 'is' : 'are'} for random runs, not --exhaustive${values['no-random'] ? ' --no-random' : ''}`);
  }
  if (values.replay !== undefined) {
    const searchOnly = ['runs', 'seed', 'minutes', 'devices', 'budget', 'workers', 'shard'].filter((name) => values[name as 'runs'] !== undefined).map((name) => `--${name}`);
    if (searchOnly.length > 0) throw new UsageError(`${searchOnly.join(', ')} ${searchOnly.length === 1 ? 'is' : 'are'} for searches; --replay re-runs one saved trace`);
  }
  const shard = values.shard === undefined ? WHOLE : parseShard(values.shard);
  if (typeof shard === 'string') throw new UsageError(shard);
  return {
    implementation: positionals[0],
    command: values.command,
    modes: parseModes(values.mode),
    runs: integerOption('--runs', values.runs, 1, 10_000_000) ?? DEFAULT_RUNS,
    seed: integerOption('--seed', values.seed, 0, 2 ** 31 - 1),
    deviceCount: integerOption('--devices', values.devices, 1, MAX_DEVICES),
    strict: values.strict,
    timeoutMs: integerOption('--timeout', values.timeout, 1, 3_600_000) ?? DEFAULT_TIMEOUT_MS,
    budgetSeconds: integerOption('--budget', values.budget, 1, 7 * 24 * 3600) ?? DEFAULT_BUDGET_SECONDS,
    json: values.json,
    replay: values.replay,
    out: values.out,
    help: values.help,
    minutes,
    workers: integerOption('--workers', values.workers, 1, 64),
    shard,
    exhaustive: values.exhaustive ? exhaustiveBounds(boundOptions, values.devices) : undefined,
    random: !values['no-random'],
  };
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

export function parseModes(text: string): NetworkMode[] {
  if (text === 'all') return [...NETWORK_MODES];
  if ((NETWORK_MODES as readonly string[]).includes(text)) return [text as NetworkMode];
  throw new UsageError(`--mode must be one of ${NETWORK_MODES.join(', ')} or all, got ${JSON.stringify(text)}`);
}

export function integerOption(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}
