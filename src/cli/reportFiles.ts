/**
 * The reports a check writes besides its stdout: `--csv`, `--junit`, `--html`,
 * and on GitHub Actions the annotations and the job summary. Each output path is
 * checked before the search (a folder, a missing folder, an implementation under
 * check: exit 2 at once), so that a long check does not end unable to write.
 */
import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorText } from '../check/callService.ts';
import { csvReport } from '../report/csvReport.ts';
import { githubAnnotations, githubJobSummary } from '../report/githubReport.ts';
import { htmlReport } from '../report/htmlReport.ts';
import type { JudgedImplementation } from '../report/judgedImplementation.ts';
import { junitReport } from '../report/junitReport.ts';
import { UsageError } from './commandLine.ts';
import type { Io } from './io.ts';

// A type, not an interface: it is also read as a record of option names to files.
export type ReportFiles = {
  readonly csv: string | undefined;
  readonly junit: string | undefined;
  readonly html: string | undefined;
};

/** Refuses an output that cannot be written, or that is one of `inputs` (never overwrite what is under check). */
export function checkReportFiles(files: Readonly<Record<string, string | undefined>>, inputs: readonly string[]): void {
  const named = Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const resolvedInputs = new Set(inputs.map((input) => path.resolve(input)));
  for (const [option, file] of named) {
    if (file === '') throw new UsageError(`--${option} needs a file name`);
    if (resolvedInputs.has(path.resolve(file))) throw new UsageError(`--${option} ${file} is an implementation under check: name another file`);
    if (kind(file) === 'folder') throw new UsageError(`--${option} ${file} is a folder: name a file`);
    if (kind(path.dirname(path.resolve(file))) !== 'folder') throw new UsageError(`--${option} ${file}: no folder ${path.dirname(file)} to write it in`);
  }
  const paths = named.map(([, file]) => path.resolve(file));
  if (new Set(paths).size < paths.length) throw new UsageError('--csv, --junit and --html must name different files');
}

function kind(file: string): 'folder' | 'file' | 'none' {
  try {
    return statSync(file).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'none';
  }
}

/** Whether the GitHub Actions outputs are wanted here. */
export function onGithubActions(io: Io): boolean {
  return (io.env ?? process.env).GITHUB_ACTIONS === 'true';
}

/**
 * Writes the reports `files` names and, on GitHub Actions, the annotations (on
 * stdout, or on stderr with --json, whose stdout is one JSON object) and the job
 * summary (`github`: only for a check of many). Returns false when a file could not be written (said in one line).
 */
export function writeReports(rows: readonly JudgedImplementation[], files: ReportFiles, settings: { readonly json: boolean; readonly line: string; readonly github: boolean }, io: Io): boolean {
  let written = true;
  const write = (file: string | undefined, text: () => string, append = false): void => {
    if (file === undefined) return;
    try {
      (append ? appendFileSync : writeFileSync)(file, text());
    } catch (error) {
      io.stderr(`sync-check: cannot write ${file}: ${errorText(error)}\n`);
      written = false;
    }
  };
  write(files.csv, () => csvReport(rows));
  write(files.junit, () => junitReport(rows));
  write(files.html, () => htmlReport(rows, settings.line));
  if (settings.github && onGithubActions(io)) {
    const lines = githubAnnotations(rows, (file) => annotationPath(file, io));
    if (lines.length > 0) (settings.json ? io.stderr : io.stdout)(`${lines.join('\n')}\n`);
    const env = io.env ?? process.env;
    const summary = env.GITHUB_STEP_SUMMARY;
    if (summary !== undefined && summary !== '') write(summary, () => `${githubJobSummary(rows)}\n`, true);
  }
  return written;
}

/** GitHub places an annotation by a path from the workspace's root. */
function annotationPath(file: string, io: Io): string {
  const root = (io.env ?? process.env).GITHUB_WORKSPACE ?? process.cwd();
  return path.relative(root, path.resolve(file)).split(path.sep).join('/');
}
