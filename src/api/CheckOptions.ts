/**
 * The library API's options, named as the CLI names them where it can
 * (`--mode`, `--runs`, `--seed`, `--devices`, `--strict`, `--fail-fast`, `--modes-at-once`, `--budget`, `--out`),
 * checked as the CLI checks them, and turned into the engine's options.
 */
import { NETWORK_MODES, type NetworkMode } from '../../model/index.ts';
import { MAX_DEVICES } from '../../properties/index.ts';
import { MAX_LANES } from '../conformance/modeLanes.ts';
import { DEFAULT_RUNS, DEFAULT_TIMEOUT_MS } from '../conformance/runConformance.ts';

export interface CheckOptions {
  /** The run seed (each mode derives its own from it); random when not given. The report says which was used. */
  readonly seed?: number;
  /** Generated runs per mode (default 200). */
  readonly runs?: number;
  /** One mode, or `'all'` (the default), as `--mode`. */
  readonly mode?: NetworkMode | 'all';
  /** The modes to check, in order (instead of `mode`). */
  readonly modes?: readonly NetworkMode[];
  /** Warnings count as failures and R1 (refinement) is judged, as `--strict`. */
  readonly strict?: boolean;
  /** End the check at its first failure, as `--fail-fast`: the properties it did not reach stay n/a (the report's `stoppedAtFirstFailure`). */
  readonly failFast?: boolean;
  /** Modes searched at the same time, 1 to 3 (default 3), as `--modes-at-once`: each on a copy of a Python solution of its own; other targets search one mode after another. */
  readonly modesAtOnce?: number;
  /** How long one reply may take, in milliseconds (default 1000), as `--timeout`. */
  readonly timeoutMs?: number;
  /** A fixed number of devices, 1 to 10, instead of drawing it per run, as `--devices`. */
  readonly devices?: number;
  /** The same as `devices` (the name the engine uses). */
  readonly deviceCount?: number;
  /** The most time the whole check may take, in seconds (default: no limit), as `--budget`. Cut short, the verdict is never a plain pass. */
  readonly budgetSeconds?: number;
  /**
   * A directory for replay files, as `--out`: every counterexample is saved
   * there (a `.json` replay file and a `.md` report beside it, the same files
   * the CLI writes), and saved failures of the same implementation are replayed
   * first. Default: nothing is read or written.
   */
  readonly out?: string;
  /** Aborts the check: the run in flight is stopped, the worker or process is closed, and the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Out-of-contract messages in fifo and reorder runs (default true). */
  readonly includeJunk?: boolean;
  /** The longest event sequence (default 120; seed mode: turns, default 48). */
  readonly maxLength?: number;
  /** Called after every generated run. */
  readonly onProgress?: (mode: NetworkMode, runs: number) => void;
}

/** The options with defaults applied, checked. */
export interface CheckSettings {
  readonly seed: number;
  readonly runs: number;
  readonly modes: readonly NetworkMode[];
  readonly strict: boolean;
  readonly failFast: boolean;
  readonly modesAtOnce: number;
  readonly timeoutMs: number;
  readonly deviceCount: number | undefined;
  readonly budgetSeconds: number | undefined;
  readonly out: string | undefined;
  readonly includeJunk: boolean | undefined;
  readonly maxLength: number | undefined;
  readonly onProgress: ((mode: NetworkMode, runs: number) => void) | undefined;
}

/** Applies the defaults; a RangeError or TypeError (one line, naming the option) for a value the CLI would refuse. */
export function checkSettings(options: CheckOptions): CheckSettings {
  if (options.mode !== undefined && options.modes !== undefined) throw new TypeError('give either mode or modes, not both');
  if (options.devices !== undefined && options.deviceCount !== undefined && options.devices !== options.deviceCount) throw new TypeError('give either devices or deviceCount, not both');
  const modes = options.modes ?? (options.mode === undefined || options.mode === 'all' ? NETWORK_MODES : [options.mode]);
  const unknown = modes.find((mode) => !(NETWORK_MODES as readonly string[]).includes(mode));
  if (unknown !== undefined) throw new RangeError(`mode must be ${NETWORK_MODES.join(', ')} or all, got ${JSON.stringify(unknown)}`);
  if (modes.length === 0) throw new RangeError('modes must name at least one mode');
  if (options.out !== undefined && options.out.trim() === '') throw new RangeError('out needs a directory, got an empty string');
  return {
    // Any safe integer, as before (each mode's seed is taken modulo 2^31); the CLI takes 0 to 2^31 - 1.
    seed: integer('seed', options.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) ?? Math.floor(Math.random() * 2 ** 31),
    runs: integer('runs', options.runs, 1, 10_000_000) ?? DEFAULT_RUNS,
    modes,
    strict: options.strict ?? false,
    failFast: options.failFast ?? false,
    modesAtOnce: integer('modesAtOnce', options.modesAtOnce, 1, MAX_LANES) ?? MAX_LANES,
    timeoutMs: integer('timeoutMs', options.timeoutMs, 1, 3_600_000) ?? DEFAULT_TIMEOUT_MS,
    deviceCount: integer('devices', options.devices ?? options.deviceCount, 1, MAX_DEVICES),
    budgetSeconds: positive('budgetSeconds', options.budgetSeconds),
    out: options.out,
    includeJunk: options.includeJunk,
    maxLength: integer('maxLength', options.maxLength, 1, 10_000),
    onProgress: options.onProgress,
  };
}

function integer(name: string, value: number | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  return value;
}

function positive(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) throw new RangeError(`${name} must be a number above 0, got ${String(value)}`);
  return value;
}
