/**
 * `sync-check a.py b.ts dir/ 'submissions/**\/*.py'`: every implementation checked
 * by its own one-file check in a child process, --jobs at a time, all with one
 * seed; a line per finished file on stderr, then one summary on stdout (or the
 * array with --json) and the reports. The exit code is the worst verdict's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batchSummaryText } from '../report/batchSummary.ts';
import { errorRow, worstExitCode, type JudgedImplementation } from '../report/judgedImplementation.ts';
import { batchProgress } from './batchProgress.ts';
import { childFlags, type BatchArguments } from './batchArguments.ts';
import { expandOperands } from './batchTargets.ts';
import { checkInChild } from './childCheck.ts';
import { UsageError } from './commandLine.ts';
import { INTERRUPTED_EXIT, type Io } from './io.ts';
import { checkReportFiles, onGithubActions, writeReports } from './reportFiles.ts';

/** A child is given its own --budget and this much more before it is killed. */
const DEADLINE_MARGIN_MS = 120_000;

/** Checks every implementation the operands name; 0 pass or warn, 1 a failure, 2 a file not checked, 130 interrupted. */
export async function runBatch(args: BatchArguments, io: Io): Promise<number> {
  const cwd = process.cwd();
  const { files, problems } = await expandOperands(args.operands, cwd);
  if (files.length === 0) throw new UsageError(`nothing to check: ${problems.map((problem) => `${problem.file}: ${problem.reason}`).join('; ')}`);
  checkReportFiles(args.reports, files);
  const wantsDetails = args.reports.html !== undefined || args.reports.junit !== undefined || onGithubActions(io);
  const detailsDir = wantsDetails ? mkdtempSync(path.join(os.tmpdir(), 'sync-check-batch-')) : undefined;
  try {
    const { rows, interrupted } = await checkAll(files, args, io, detailsDir);
    const all = [...rows, ...problems.map((problem) => errorRow(problem.file, problem.reason))];
    const settings = { seed: args.seed, runsPerMode: args.runsPerMode, jobs: args.jobs };
    const summary = batchSummaryText(all, settings);
    // Details stay out of --json: they are the text, diagram and view of findings the reports draw.
    if (args.json) io.stdout(`${JSON.stringify(all.map(({ details: _details, ...row }) => row), null, 2)}\n`);
    else io.stdout(`${summary}\n`);
    const written = writeReports(all, args.reports, { json: args.json, line: summary.split('\n')[0] ?? '', github: true }, io);
    if (!written) return 2;
    // Interrupted, the files not checked are rows but not errors of theirs: 1 if a failure was found, else 130.
    if (interrupted) return all.some((row) => row.verdict === 'fail') ? 1 : INTERRUPTED_EXIT;
    return worstExitCode(all);
  } finally {
    if (detailsDir !== undefined) rmSync(detailsDir, { recursive: true, force: true });
  }
}

/** Runs the children, `args.jobs` at a time, in the order named; after an interrupt no new one starts. */
async function checkAll(files: readonly string[], args: BatchArguments, io: Io, detailsDir: string | undefined): Promise<{ rows: JudgedImplementation[]; interrupted: boolean }> {
  const rows: JudgedImplementation[] = new Array<JudgedImplementation>(files.length);
  const stops = new Set<() => void>();
  let interrupted = false;
  io.onInterrupt?.(() => {
    interrupted = true;
    for (const stop of stops) stop();
  });
  const progress = batchProgress(io, files.length);
  const env = childEnvironment(io);
  const flags = childFlags(args);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < files.length; index = next++) {
      const file = files[index] ?? '';
      if (interrupted) {
        rows[index] = errorRow(file, 'not checked: interrupted');
        continue;
      }
      progress.started(file);
      const row = await checkInChild(file, {
        flags,
        detailsFile: detailsDir === undefined ? undefined : path.join(detailsDir, `${index}.json`),
        deadlineMs: args.budgetSeconds * 1000 + DEADLINE_MARGIN_MS,
        cwd: process.cwd(),
        env,
        onStart: (stop) => (stops.add(stop), () => stops.delete(stop)),
      });
      rows[index] = row;
      progress.finished(row);
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.jobs, files.length) }, worker));
  progress.done();
  return { rows, interrupted };
}

/** The children's environment: this one, minus what would make a one-file check act as a CI summary. */
function childEnvironment(io: Io): NodeJS.ProcessEnv {
  const { GITHUB_ACTIONS: _actions, GITHUB_STEP_SUMMARY: _summary, ...env } = io.env ?? process.env;
  return env;
}
