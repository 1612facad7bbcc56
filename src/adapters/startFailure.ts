/**
 * How a process that loads an implementation says it failed to, and what it last
 * printed: one definition for a plain process (ChildConnection.ts) and the Python
 * fork server (ForkServer.ts), so both report a failure in the same words.
 */
import { LoadError } from './loadModule.ts';

/** How long a process may take to load the implementation and say it is ready. */
export const STARTUP_TIMEOUT_MS = 15_000;
const LINES_KEPT = 5;

/** The process did not say it was ready in time. */
export function startTimedOut(label: string): LoadError {
  return new LoadError(`${label} did not start within ${STARTUP_TIMEOUT_MS / 1000} s (does loading it run something long?)`);
}

/** The process could not be started at all. */
export function startError(label: string, program: string, error: NodeJS.ErrnoException): LoadError {
  const reason = error.code === 'ENOENT' ? `${program} was not found on this machine` : error.message;
  return new LoadError(`cannot start ${label}: ${reason}`);
}

/** "exited with code 3" or "was killed by SIGKILL". */
export function processEndText(code: number | null, signal: NodeJS.Signals | null): string {
  return signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
}

/** The last few lines a process printed, each cut to 200 characters. */
export class OutputTail {
  private readonly lines: string[] = [];

  add(line: string): void {
    this.lines.push(line.length > 200 ? `${line.slice(0, 197)}...` : line);
    if (this.lines.length > LINES_KEPT) this.lines.shift();
  }

  /** "; its last output: a | b", or nothing when it printed nothing. */
  suffix(): string {
    return this.lines.length === 0 ? '' : `; its last output: ${this.lines.join(' | ')}`;
  }
}
