/**
 * What a check of one implementation writes besides its report: the `--csv`,
 * `--junit` and `--html` files (a summary of one), and `--details`, the findings'
 * text, diagram and step view a check of many reads from each of its children.
 */
import { writeFileSync } from 'node:fs';
import type { ConformanceReport, ExplainedCounterexample } from '../conformance/ConformanceReport.ts';
import { replayCommand } from '../failures/saveCounterexamples.ts';
import { findingDetails } from '../report/findingDetails.ts';
import { judgedRow } from '../report/judgedImplementation.ts';
import { jsonReport } from '../report/jsonReport.ts';
import { errorText } from '../check/callService.ts';
import type { SyncCheckArguments } from './checkArguments.ts';
import type { Io } from './io.ts';
import { writeReports } from './reportFiles.ts';

export type ReplayFiles = ReadonlyMap<ExplainedCounterexample, string>;

/** The replay command the text report prints for a counterexample saved in `file`. */
export function replayHint(file: string | undefined): string {
  return file === undefined ? '(not saved: see the warning above; the same --seed finds it again)' : replayCommand(file);
}

interface Checked {
  readonly label: string;
  readonly report: ConformanceReport;
  readonly replayFiles: ReplayFiles;
  /** The exit code the report gave. */
  readonly code: number;
  readonly seconds: number;
}

/** Writes what the arguments ask for; returns the exit code: the check's, or 2 when a file could not be written. */
export function writeCheckReports(args: Pick<SyncCheckArguments, 'json' | 'reports' | 'details'>, io: Io, checked: Checked): number {
  const { reports, details: detailsFile } = args;
  if (reports.csv === undefined && reports.junit === undefined && reports.html === undefined && detailsFile === undefined) return checked.code;
  const details = findingDetails(checked.report, (counterexample) => replayHint(checked.replayFiles.get(counterexample)));
  let written = true;
  if (detailsFile !== undefined) {
    try {
      writeFileSync(detailsFile, JSON.stringify(details));
    } catch (error) {
      io.stderr(`sync-check: cannot write ${detailsFile}: ${errorText(error)}\n`);
      written = false;
    }
  }
  const row = judgedRow(checked.label, jsonReport(checked.report, checked.label, checked.replayFiles), checked.seconds, checked.code, details);
  const line = `sync-check ${checked.label}`;
  if (!writeReports([row], reports, { json: args.json, line, github: false }, io)) written = false;
  return written ? checked.code : 2;
}
