/**
 * The sync-check CLI this bench belongs to, run as a child process: the bench
 * measures what a user runs, and sits below the CLI (which starts it) rather
 * than calling into it.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const FROM_SOURCES = import.meta.filename.endsWith('.ts');
/** src/cli/main.ts (through tsx) from sources; compiled, the bin users run (dist/bin/sync-check.js, one file). */
const CLI = FROM_SOURCES ? path.resolve(import.meta.dirname, '../cli/main.ts') : path.resolve(import.meta.dirname, '../../bin/sync-check.js');

/** The reference implementation, as the CLI checks it by default: .ts from sources, .js compiled. */
export const REFERENCE = path.resolve(import.meta.dirname, `../reference/SyncService${path.extname(import.meta.filename)}`);

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
}

/** Runs `sync-check ARGS` in `cwd`; a non-zero exit is an outcome, not an error. */
export async function runCli(args: readonly string[], cwd: string): Promise<CliOutcome> {
  const argv = [...(FROM_SOURCES ? ['--import', 'tsx'] : []), CLI, ...args];
  try {
    const { stdout } = await run(process.execPath, argv, { cwd, maxBuffer: 64 << 20 });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: unknown };
    if (typeof failed.code !== 'number' || typeof failed.stdout !== 'string') throw error;
    return { code: failed.code, stdout: failed.stdout };
  }
}
