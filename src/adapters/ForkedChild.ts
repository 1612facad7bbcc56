/** One child of the Python fork server (ForkServer.ts), as a process to ChildConnection. */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import type { ProcessLike } from './ChildConnection.ts';

/** How one child ended, as the server reported it. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** How long a closed connection waits for the server to report its child's end before it counts as ended anyway. */
export const UNREPORTED_END_MS = 2000;

/**
 * One forked child as a process: its socket is stdin and stdout, its pid comes in
 * its first line ({"ready": true, "pid": N}), and it has exited once its socket has
 * closed and the server has said how it ended (or the server itself ended).
 */
export class ForkedChild extends EventEmitter implements ProcessLike {
  readonly stdout = new OutputRelay();
  readonly stderr = new PassThrough();
  private pid: number | undefined;
  private socketClosed = false;
  private exit: ChildExit | undefined;
  private exitEmitted = false;
  private firstLine = '';

  constructor(
    private readonly socket: Socket,
    private readonly onPid: (pid: number) => void,
  ) {
    super();
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      this.socketClosed = true;
      this.emitExitWhenDone();
      // A connection that never got a child (refused, or the fork failed) has no end to be reported; nor, for a
      // while, has a child whose own child still holds its output open (the server reports an end after the output's).
      if (this.pid === undefined) this.ended({ code: null, signal: null });
      else setTimeout(() => this.ended({ code: null, signal: null }), UNREPORTED_END_MS).unref();
    });
  }

  get stdin(): Socket {
    return this.socket;
  }

  kill(): boolean {
    if (this.pid !== undefined && this.exit === undefined) {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // Already gone: the server reports its end.
      }
    }
    this.socket.destroy();
    return true;
  }

  ended(exit: ChildExit): void {
    this.exit ??= exit;
    this.emitExitWhenDone();
    // Its last bytes come within moments of its end; a socket still open after that is held by something it started.
    if (!this.socketClosed) setTimeout(() => this.socket.destroy(), UNREPORTED_END_MS / 10).unref();
  }

  /** The server is gone: this child was killed with it (or never started). */
  serverEnded(): void {
    this.socket.destroy();
    this.ended({ code: null, signal: 'SIGKILL' });
  }

  private received(chunk: Buffer): void {
    if (this.pid === undefined) {
      this.firstLine += chunk.toString();
      const end = this.firstLine.indexOf('\n');
      if (end >= 0) {
        const pid = parseLine(this.firstLine.slice(0, end)).pid;
        if (typeof pid === 'number') {
          this.pid = pid;
          this.onPid(pid);
        }
      }
    }
    this.stdout.write(chunk);
  }

  private emitExitWhenDone(): void {
    if (this.exitEmitted || !this.socketClosed || this.exit === undefined) return;
    this.exitEmitted = true;
    // After the output's last bytes have been read, as a process's 'exit' comes after its output.
    setImmediate(() => this.emit('exit', this.exit?.code ?? null, this.exit?.signal ?? null));
  }
}

/**
 * The child's output as ChildConnection reads it: each chunk of the socket handed on as it
 * arrives, held only until the first 'data' listener comes. A PassThrough did the same
 * through Node's stream machinery: an eighth of a Python check's time on the main thread.
 */
export class OutputRelay {
  private listener: ((chunk: Buffer) => void) | undefined;
  private held: Buffer[] = [];

  on(event: 'data', listener: (chunk: Buffer) => void): this {
    if (event !== 'data' || this.listener !== undefined) throw new Error('OutputRelay takes one data listener');
    this.listener = listener;
    const held = this.held;
    this.held = [];
    for (const chunk of held) listener(chunk);
    return this;
  }

  write(chunk: Buffer): void {
    if (this.listener === undefined) this.held.push(chunk);
    else this.listener(chunk);
  }
}

export function parseLine(line: string): Readonly<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // not a report
  }
  return {};
}
