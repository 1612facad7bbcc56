/**
 * One implementation of many, checked by its own `sync-check FILE --json` process:
 * whatever the implementation does (exit, flood, exhaust memory, corrupt its
 * process) reaches only that process, never the others or the summary. Its
 * verdict is the one the one-file check prints, because it is that check.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { trackRunning } from '../adapters/runningProcesses.ts';
import type { FindingDetails } from '../report/findingDetails.ts';
import { errorRow, judgedRow, type JudgedImplementation } from '../report/judgedImplementation.ts';
import type { JsonReport } from '../report/jsonReport.ts';

const FROM_SOURCES = import.meta.filename.endsWith('.ts');
/** src/cli/main.ts (through tsx) from sources; compiled, the bin (dist/bin/sync-check.js, one file: it starts sooner). */
const CLI = FROM_SOURCES ? path.resolve(import.meta.dirname, 'main.ts') : path.resolve(import.meta.dirname, '../../bin/sync-check.js');
/** What is kept of a child's stderr: enough for its last lines. */
const STDERR_KEPT = 64 * 1024;

export interface ChildCheck {
  /** The check's flags, passed through unchanged (with one --seed for all). */
  readonly flags: readonly string[];
  /** Where the child writes its findings' details, when they are wanted. */
  readonly detailsFile: string | undefined;
  /** The child is killed after this long: its own --budget plus a margin. */
  readonly deadlineMs: number;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Called with a function that asks the child to stop (SIGTERM: it prints what it judged). */
  readonly onStart: (stop: () => void) => () => void;
}

/** Checks `file` in a child process; never rejects: a failure to check is an error row. */
export function checkInChild(file: string, check: ChildCheck): Promise<JudgedImplementation> {
  const started = performance.now();
  const argv = [...(FROM_SOURCES ? ['--import', 'tsx'] : []), CLI, 'check', ...check.flags, '--json', ...(check.detailsFile === undefined ? [] : ['--details', check.detailsFile]), '--', file];
  return new Promise((resolve) => {
    // A process group of its own: a Ctrl-C on the terminal reaches the summary's process alone, which asks each
    // child once to stop (a second signal would make the child stop at once, without its report).
    const child = spawn(process.execPath, argv, { cwd: check.cwd, env: check.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stdout: Buffer[] = [];
    let stderr = '';
    const untrack = trackRunning(() => child.kill('SIGKILL'));
    const unstop = check.onStart(() => child.kill('SIGTERM'));
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, check.deadlineMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT)));
    child.on('error', (error) => finish(errorRow(file, `cannot start the checker: ${error.message}`, seconds())));
    child.on('close', (code, signal) => {
      if (timedOut) return finish(errorRow(file, `the check did not finish within ${Math.round(check.deadlineMs / 1000)} s`, seconds()));
      finish(rowOf(file, { code, signal, stdout: Buffer.concat(stdout).toString(), stderr }, check.detailsFile, seconds()));
    });
    function seconds(): number {
      return (performance.now() - started) / 1000;
    }
    function finish(row: JudgedImplementation): void {
      clearTimeout(deadline);
      untrack();
      unstop();
      resolve(row);
    }
  });
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The child's JSON report as a row, or an error row saying why there is none. */
function rowOf(file: string, exit: Exit, detailsFile: string | undefined, seconds: number): JudgedImplementation {
  const report = parseReport(exit.stdout);
  const code = exit.code ?? -1;
  // The verdict must be the one its exit code stands for (1 is fail; 0 and 130, interrupted, are not): anything else is not trusted.
  const agrees = report !== undefined && (code === 1 ? report.verdict === 'fail' : (code === 0 || code === 130) && report.verdict !== 'fail');
  if (report === undefined || !agrees) return errorRow(file, failureReason(exit), seconds);
  return judgedRow(file, report, seconds, code, readDetails(detailsFile));
}

function parseReport(stdout: string): JsonReport | undefined {
  try {
    const value = JSON.parse(stdout) as Partial<JsonReport> | null;
    return typeof value === 'object' && value !== null && typeof value.verdict === 'string' && Array.isArray(value.properties) ? (value as JsonReport) : undefined;
  } catch {
    return undefined;
  }
}

/** The child's own one-line reason (`sync-check: cannot load ...`), or how it ended. */
function failureReason(exit: Exit): string {
  const last = exit.stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '').at(-1);
  if (last !== undefined && exit.code === 2) return last.replace(/^sync-check: /, '');
  const how = exit.signal === null ? `exited with code ${exit.code}` : `was ended by ${exit.signal}`;
  return `the check ${how} without a report${last === undefined ? '' : `: ${last}`}`;
}

/** The details the child wrote; without them the row still stands, only its traces are not drawn. */
function readDetails(file: string | undefined): readonly FindingDetails[] | undefined {
  if (file === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(value) ? (value as FindingDetails[]) : undefined;
  } catch {
    return undefined;
  }
}
