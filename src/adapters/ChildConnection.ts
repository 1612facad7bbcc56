/** One implementation process and the line protocol with it: at most one request in flight. */
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { TimedOut } from '../check/callService.ts';
import { LineSplitter, MAX_LINE_BYTES } from './LineSplitter.ts';
import { LoadError } from './loadModule.ts';
import { OutputTail, processEndText, startError, startTimedOut, STARTUP_TIMEOUT_MS } from './startFailure.ts';
import { trackRunning } from './runningProcesses.ts';
import { parseWire, stringifyWire } from '../check/wireJson.ts';

/** Once a reply has started to arrive, how long it may take to finish (a reply of many megabytes is slow, not hung). */
const REPLY_FINISH_MS = 60_000;

export type Response = Readonly<Record<string, unknown>>;

/** The program broke the line protocol (a line nobody asked for, a line too long): it cannot be trusted further. */
export class ProtocolViolation extends Error {
  override name = 'ProtocolViolation';
}

interface Pending {
  readonly resolve: (response: Response) => void;
  readonly reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * What a connection needs of a process: a spawned one, or a child of the Python
 * fork server (ForkServer.ts) that looks like one (its input and output are a socket).
 */
export interface ProcessLike {
  readonly stdin: Pick<Writable, 'write' | 'end' | 'on'>;
  /** Only its chunks are read: a spawned process's stdout, or a forked child's relay of its socket. */
  readonly stdout: { on(event: 'data', listener: (chunk: Buffer) => void): unknown };
  readonly stderr: Readable;
  kill(signal: 'SIGKILL'): unknown;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

export class ChildConnection {
  /** Settles when the process has loaded the implementation (or failed to). */
  readonly ready: Promise<void>;
  private readonly child: ProcessLike;
  private pending: Pending | undefined;
  private exited = false;
  private violation: ProtocolViolation | undefined;
  private readonly stderrTail = new OutputTail();
  /** The length of the last answer received, in characters: what the reply it carried weighs. */
  lastAnswerLength = 0;

  /** Starts `program` with `args`, or talks to `child` when given one already started. */
  constructor(program: string, args: readonly string[], private readonly label: string, child?: ProcessLike) {
    this.child = child ?? spawn(program, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const untrack = trackRunning(() => this.kill());
    this.child.once('exit', untrack);
    // A program that exits while we write to it must not crash the checker with EPIPE.
    this.child.stdin.on('error', () => {});
    this.ready = this.waitUntilReady(program);
    // A spare that is never used must not fail the process with an unhandled rejection.
    this.ready.catch(() => {});
  }

  get alive(): boolean {
    return !this.exited && this.violation === undefined;
  }

  /** True while a request is waiting for its answer. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  /**
   * Sends one request. With `timeoutMs`, rejects with TimedOut unless the answer
   * starts to arrive in time; an answer that has started may take longer to finish.
   */
  request(request: object, timeoutMs?: number): Promise<Response> {
    if (this.violation !== undefined) return Promise.reject(this.violation);
    if (this.exited || this.pending !== undefined) return Promise.reject(new Error(`${this.label}: no process to ask`));
    return new Promise((resolve, reject) => {
      const pending: Pending = { resolve, reject, timer: undefined };
      if (timeoutMs !== undefined) pending.timer = setTimeout(() => this.fail(pending, new TimedOut()), timeoutMs);
      this.pending = pending;
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

  /** Gives up on `pending`; the process is left busy, so the next run starts a fresh one. */
  private fail(pending: Pending, error: Error): void {
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  private waitUntilReady(program: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let started = false;
      const timer = setTimeout(() => {
        reject(startTimedOut(this.label));
        this.kill();
      }, STARTUP_TIMEOUT_MS);
      this.child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(startError(this.label, program, error));
      });
      createInterface({ input: this.child.stderr }).on('line', (line) => this.stderrTail.add(line));
      const lines = new LineSplitter({
        onLineStart: () => this.replyStarted(),
        onOversized: (bytes) => this.violate(`it sent a line of over ${Math.floor(bytes / 1024 / 1024)} MB (the limit is ${MAX_LINE_BYTES / 1024 / 1024} MB)`),
        onLine: (line) => {
          const response = parseResponse(line);
          if (started) return this.settle(response, line);
          clearTimeout(timer);
          started = true;
          if (response.ready === true) return resolve();
          const reason = typeof response.fatal === 'string' ? response.fatal : `unexpected first line ${line.slice(0, 80)}`;
          reject(new LoadError(`cannot load ${this.label}: ${reason}`));
        },
      });
      this.child.stdout.on('data', (chunk: Buffer) => lines.write(chunk));
      this.child.on('exit', (code, signal) => {
        clearTimeout(timer);
        this.exited = true;
        const how = processEndText(code, signal);
        const tail = this.stderrTail.suffix();
        if (!started) reject(new LoadError(`cannot load ${this.label}: the process ${how}${tail}`));
        const pending = this.pending;
        this.pending = undefined;
        if (pending !== undefined) this.fail(pending, new Error(`the implementation process ${how} while handling this message${tail}`));
      });
    });
  }

  /** The answer has started: the program is working, not hung; give it time to finish. */
  private replyStarted(): void {
    const pending = this.pending;
    if (pending?.timer === undefined) return;
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => this.fail(pending, new TimedOut()), REPLY_FINISH_MS);
  }

  private settle(response: Response, line: string): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending === undefined) return this.violate(`it sent a line nobody asked for: ${line.slice(0, 80)}`);
    clearTimeout(pending.timer);
    this.lastAnswerLength = line.length;
    pending.resolve(response);
  }

  /** The program broke the protocol: whatever it says next cannot be matched to a request. */
  private violate(what: string): void {
    this.violation ??= new ProtocolViolation(`${this.label} broke the wire protocol: ${what}`);
    const pending = this.pending;
    this.pending = undefined;
    if (pending !== undefined) this.fail(pending, this.violation);
    this.kill();
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
