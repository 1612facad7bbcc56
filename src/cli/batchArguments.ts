/**
 * The options of a check of many implementations: --jobs and the report files,
 * what each child check is passed (the same flags, with one seed drawn here when
 * none was given), and what such a check refuses.
 */
import os from 'node:os';
import type { CheckOptionValues, SyncCheckArguments } from './checkArguments.ts';
import { integerOption, UsageError } from './commandLine.ts';
import type { ReportFiles } from './reportFiles.ts';

export interface BatchArguments {
  readonly operands: readonly string[];
  readonly reports: ReportFiles;
  readonly jobs: number;
  readonly json: boolean;
  /** The one seed every child is given; undefined when there is no random search (--exhaustive --no-random). */
  readonly seed: number | undefined;
  readonly runsPerMode: number | undefined;
  readonly budgetSeconds: number;
  /** The options as given, passed through to each child. */
  readonly values: CheckOptionValues;
}

/** Options that belong to the whole check of many, not to each child. */
const OWN_OPTIONS = new Set(['json', 'csv', 'junit', 'html', 'jobs', 'details', 'seed']);

/** The default --jobs: one child per core. */
export function defaultJobs(): number {
  return os.availableParallelism();
}

/** The arguments of a check of many, or a usage error naming what it cannot do. */
export function batchArguments(values: CheckOptionValues, args: SyncCheckArguments, operands: readonly string[]): BatchArguments {
  if (values.command !== undefined) throw new UsageError('give either implementation files or --command, not both');
  if (values.replay !== undefined) throw new UsageError('--replay re-runs one saved trace: give at most one implementation');
  if (values.minutes !== undefined) throw new UsageError('--minutes soaks one implementation on every core: give one file');
  if (values.details !== undefined) throw new UsageError('--details is for one implementation');
  const random = args.exhaustive === undefined || args.random;
  return {
    operands,
    reports: args.reports,
    jobs: integerOption('--jobs', values.jobs, 1, 256) ?? defaultJobs(),
    json: args.json,
    seed: random ? (args.seed ?? Math.floor(Math.random() * 2 ** 31)) : undefined,
    runsPerMode: random ? args.runs : undefined,
    budgetSeconds: args.budgetSeconds,
    values,
  };
}

/** Each child's flags: every option as given, but the whole check's own, and the one seed. */
export function childFlags(args: BatchArguments): string[] {
  const flags: string[] = [];
  for (const [name, value] of Object.entries(args.values) as [string, unknown][]) {
    if (OWN_OPTIONS.has(name) || value === undefined) continue;
    if (name === 'random') {
      if (value === false) flags.push('--no-random');
    } else if (value === true) flags.push(`--${name}`);
    else if (typeof value === 'string') flags.push(`--${name}`, value);
  }
  return args.seed === undefined ? flags : [...flags, '--seed', String(args.seed)];
}
