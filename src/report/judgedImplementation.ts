/**
 * One implementation's outcome in a check of many: its verdict as its own
 * one-file check gave it (or why it could not be checked), the properties it
 * broke, its shortest trace and how long it took. The summary, CSV, JUnit,
 * GitHub and HTML reports all format these.
 */
import type { PropertyId } from '../../properties/index.ts';
import type { FindingDetails } from './findingDetails.ts';
import type { JsonReport } from './jsonReport.ts';

/** A one-file verdict, or `error`: the file could not be loaded or checked (exit 2). */
export type BatchVerdict = JsonReport['verdict'] | 'error';

export interface JudgedImplementation {
  /** The file as the command line or its expansion named it. */
  readonly file: string;
  readonly verdict: BatchVerdict;
  /** Properties whose status is fail. */
  readonly broken: readonly PropertyId[];
  /** Properties whose status is warn. */
  readonly warned: readonly PropertyId[];
  /** Events in the shortest counterexample of any property; null when there is none. */
  readonly shortest: number | null;
  /** Wall seconds its check took. */
  readonly seconds: number;
  /** With `error`: the one-line reason. */
  readonly reason?: string;
  /** The one-file check's JSON report (absent with `error`). */
  readonly report?: JsonReport;
  /** Exit code of its one-file check (130: interrupted). */
  readonly exitCode: number;
  /** Each finding's text, diagram and step view, when they were made (not part of `--json`). */
  readonly details?: readonly FindingDetails[];
}

/** The summary's order: fail, warn, bounded, pass, error. */
const ORDER: Readonly<Record<BatchVerdict, number>> = { fail: 0, warn: 1, bounded: 2, pass: 3, error: 4 };

/** Sorted by verdict, then by file, as the summary lists them. */
export function inSummaryOrder(rows: readonly JudgedImplementation[]): JudgedImplementation[] {
  return [...rows].sort((left, right) => ORDER[left.verdict] - ORDER[right.verdict] || left.file.localeCompare(right.file));
}

/** The row of a finished one-file check, from its JSON report. */
export function judgedRow(file: string, report: JsonReport, seconds: number, exitCode: number, details?: readonly FindingDetails[]): JudgedImplementation {
  const shortest = report.properties.flatMap((property) => (property.counterexample === undefined ? [] : [property.counterexample.events]));
  return {
    file,
    verdict: report.verdict,
    broken: report.properties.filter((property) => property.status === 'fail').map((property) => property.id),
    warned: report.properties.filter((property) => property.status === 'warn').map((property) => property.id),
    shortest: shortest.length === 0 ? null : Math.min(...shortest),
    seconds,
    report,
    exitCode,
    ...(details === undefined ? {} : { details }),
  };
}

/** The row of a file that could not be checked. */
export function errorRow(file: string, reason: string, seconds = 0): JudgedImplementation {
  return { file, verdict: 'error', broken: [], warned: [], shortest: null, seconds, reason, exitCode: 2 };
}

/**
 * The exit code of the whole check: 2 when any file could not be checked, else
 * 1 when any failed, else 130 when any was interrupted, else 0 (pass, warn).
 */
export function worstExitCode(rows: readonly JudgedImplementation[]): number {
  if (rows.some((row) => row.verdict === 'error')) return 2;
  if (rows.some((row) => row.verdict === 'fail')) return 1;
  return rows.some((row) => row.exitCode === 130) ? 130 : 0;
}
