/** One implementation process and the line protocol with it: at most one request in flight. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { LoadError } from './loadModule.ts';
import { parseWire, stringifyWire } from './wireJson.ts';

/** How long a process may take to load the implementation and say it is ready. */
export const STARTUP_TIMEOUT_MS = 15_000;
const STDERR_LINES_KEPT = 5;

export type Response = Readonly<Record<string, unknown>>;

interface Pending {
  readonly resolve: (response: Response) => void;
  readonly reject: (error: Error) => void;
}

export class ChildConnection {
  /** Settles when the process has loaded the implementation (or failed to). */
  readonly ready: Promise<void>;
  private readonly child: ChildProcessWithoutNullStreams;
  private pending: Pending | undefined;
  private exited = false;
  private readonly stderrTail: string[] = [];

  constructor(program: string, args: readonly string[], private readonly label: string) {
    this.child = spawn(program, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.ready = this.waitUntilReady(program);
    // A spare that is never used must not fail the process with an unhandled rejection.
    this.ready.catch(() => {});
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** True while a request is waiting for its answer. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  request(request: object): Promise<Response> {
    if (this.exited || this.pending !== undefined) return Promise.reject(new Error(`${this.label}: no process to ask`));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.stdin.write(`${stringifyWire(request)}\n`);
    });
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Ends the process politely, then firmly. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.kill(), 1000);
    await exited;
    clearTimeout(timer);
  }

  private waitUntilReady(program: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let started = false;
      const timer = setTimeout(() => {
        reject(new LoadError(`${this.label} did not start within ${STARTUP_TIMEOUT_MS / 1000} s (does loading it run something long?)`));
        this.kill();
      }, STARTUP_TIMEOUT_MS);
      this.child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const reason = error.code === 'ENOENT' ? `${program} was not found on this machine` : error.message;
        reject(new LoadError(`cannot start ${this.label}: ${reason}`));
      });
      createInterface({ input: this.child.stderr }).on('line', (line) => this.keepStderr(line));
      createInterface({ input: this.child.stdout }).on('line', (line) => {
        const response = parseResponse(line);
        if (started) return this.settle(response);
        clearTimeout(timer);
        started = true;
        if (response.ready === true) return resolve();
        const reason = typeof response.fatal === 'string' ? response.fatal : `unexpected first line ${line.slice(0, 80)}`;
        reject(new LoadError(`cannot load ${this.label}: ${reason}`));
      });
      this.child.on('exit', (code, signal) => {
        clearTimeout(timer);
        this.exited = true;
        const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
        const tail = this.stderrTail.length === 0 ? '' : `; its last output: ${this.stderrTail.join(' | ')}`;
        if (!started) reject(new LoadError(`cannot load ${this.label}: the process ${how}${tail}`));
        const pending = this.pending;
        this.pending = undefined;
        pending?.reject(new Error(`the implementation process ${how} while handling this message${tail}`));
      });
    });
  }

  private settle(response: Response): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(response);
  }

  private keepStderr(line: string): void {
    this.stderrTail.push(line.length > 200 ? `${line.slice(0, 197)}...` : line);
    if (this.stderrTail.length > STDERR_LINES_KEPT) this.stderrTail.shift();
  }
}

function parseResponse(line: string): Response {
  try {
    const parsed = parseWire(line);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through: a line that is not a response
  }
  return { error: { type: 'ProtocolError', message: `not a response: ${line.slice(0, 80)}` } };
}
