/**
 * The suite's side of the wire protocol: one implementation process, one JSON
 * object per line each way, one request in flight. A process that hangs, exits
 * or is killed becomes a finding for the message that caused it; the next run
 * gets a fresh process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { NotTransferable } from '../check/networkCopy.ts';
import type { ServiceLike } from '../check/service.ts';
import { LoadError } from './loadModule.ts';
import { parseWire, stringifyWire } from './wireJson.ts';

/** How long a process may take to load the implementation and say it is ready. */
export const STARTUP_TIMEOUT_MS = 15_000;
const STDERR_LINES_KEPT = 5;

interface Pending {
  readonly resolve: (response: Readonly<Record<string, unknown>>) => void;
  readonly reject: (error: Error) => void;
}

/** An error the implementation raised, named after its own type (e.g. `KeyError: 'type'`). */
export class RemoteError extends Error {
  constructor(type: string, message: string) {
    super(message);
    this.name = type;
  }
}

export class StdioProcess {
  private child: ChildProcessWithoutNullStreams | undefined;
  private pending: Pending | undefined;
  private ready: Promise<void> | undefined;
  private stderrTail: string[] = [];

  /** `program` and `args` start one implementation process; `label` names it in messages. */
  constructor(
    private readonly program: string,
    private readonly args: readonly string[],
    private readonly label: string,
  ) {}

  /** Starts the process if none runs, and waits until it has loaded the implementation. */
  start(): Promise<void> {
    this.ready ??= this.spawnAndWait();
    return this.ready;
  }

  /** A fresh server instance for one run (a `reset` request). */
  async createService(): Promise<ServiceLike> {
    // A request still in flight means the last run gave up on a hung call: start over.
    if (this.pending !== undefined) this.kill();
    await this.start();
    const response = await this.request({ op: 'reset' });
    throwIfError(response);
    return { onMessage: (message: unknown) => this.deliver(message) };
  }

  /** Stops the process. */
  async close(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
    await exited;
    clearTimeout(timer);
  }

  private async deliver(message: unknown): Promise<unknown> {
    const response = await this.request({ op: 'message', message });
    throwIfError(response);
    if (typeof response.garbled === 'string') throw new NotTransferable(response.garbled);
    return response.reply;
  }

  private request(request: object): Promise<Readonly<Record<string, unknown>>> {
    const child = this.child;
    if (child === undefined || this.pending !== undefined) return Promise.reject(new Error(`${this.label}: no process to ask`));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      child.stdin.write(`${stringifyWire(request)}\n`);
    });
  }

  private spawnAndWait(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const child = spawn(this.program, [...this.args], { stdio: ['pipe', 'pipe', 'pipe'] });
      this.child = child;
      this.stderrTail = [];
      let started = false;
      const timer = setTimeout(() => {
        reject(new LoadError(`${this.label} did not start within ${STARTUP_TIMEOUT_MS / 1000} s (does loading it run something long?)`));
        this.kill();
      }, STARTUP_TIMEOUT_MS);
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const reason = error.code === 'ENOENT' ? `${this.program} was not found on this machine` : error.message;
        reject(new LoadError(`cannot start ${this.label}: ${reason}`));
      });
      createInterface({ input: child.stderr }).on('line', (line) => this.keepStderr(line));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const response = parseResponse(line);
        if (started) return this.settle(response);
        clearTimeout(timer);
        started = true;
        if (response.ready === true) return resolve();
        const reason = typeof response.fatal === 'string' ? response.fatal : `unexpected first line ${line.slice(0, 80)}`;
        reject(new LoadError(`cannot load ${this.label}: ${reason}`));
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
        const tail = this.stderrTail.length === 0 ? '' : `; its last output: ${this.stderrTail.join(' | ')}`;
        if (!started) reject(new LoadError(`cannot load ${this.label}: the process ${how}${tail}`));
        this.forget(child, new Error(`the implementation process ${how} while handling this message${tail}`));
      });
    });
  }

  private settle(response: Readonly<Record<string, unknown>>): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(response);
  }

  /** After an exit: fail the request in flight, and let the next run start a fresh process. */
  private forget(child: ChildProcessWithoutNullStreams, error: Error): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.ready = undefined;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }

  private kill(): void {
    const child = this.child;
    if (child === undefined) return;
    child.kill('SIGKILL');
    this.forget(child, new Error('the implementation process was stopped after it stopped answering'));
  }

  private keepStderr(line: string): void {
    this.stderrTail.push(line.length > 200 ? `${line.slice(0, 197)}...` : line);
    if (this.stderrTail.length > STDERR_LINES_KEPT) this.stderrTail.shift();
  }
}

function parseResponse(line: string): Readonly<Record<string, unknown>> {
  try {
    const parsed = parseWire(line);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through: a line that is not a response
  }
  return { error: { type: 'ProtocolError', message: `not a response: ${line.slice(0, 80)}` } };
}

function throwIfError(response: Readonly<Record<string, unknown>>): void {
  const error = response.error as { type?: unknown; message?: unknown } | undefined;
  if (error === undefined) return;
  const type = typeof error.type === 'string' ? error.type : 'Error';
  throw new RemoteError(type, typeof error.message === 'string' ? error.message : '');
}
