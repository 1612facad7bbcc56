/**
 * The suite's side of the wire protocol for one implementation. A process that
 * hangs, exits or is killed becomes a finding for the message that caused it;
 * the next run gets a fresh process. Once an implementation has needed a fresh
 * process, a spare is kept warm, so that shrinking a crash does not wait for an
 * interpreter to start at every step.
 */
import { NotTransferable } from '../check/networkCopy.ts';
import type { CallOutcome } from '../../properties/index.ts';
import { errorText, TimedOut } from '../check/callService.ts';
import type { RemoteService } from '../check/service.ts';
import { ChildConnection, type Response } from './ChildConnection.ts';
import { ForkServer } from './ForkServer.ts';

/** An error the implementation raised, named after its own type (e.g. `KeyError: 'type'`). */
export class RemoteError extends Error {
  constructor(type: string, message: string) {
    super(message);
    this.name = type;
  }
}

/** How long making a fresh server instance (its constructor) may take. */
const CONSTRUCTOR_TIMEOUT_MS = 10_000;

export class StdioProcess {
  private current: ChildConnection | undefined;
  private spare: ChildConnection | undefined;
  private replaced = false;
  private forkServer: ForkServer | undefined;
  /** The longest answer received so far, in characters (what holding replies costs the checker). */
  largestAnswer = 0;

  /**
   * `program` and `args` start one implementation process; `label` names it in messages.
   * With `forks` (the Python adapter), they start a fork server instead, and each
   * process is a child forked from it (ForkServer.ts).
   */
  constructor(
    private readonly program: string,
    private readonly args: readonly string[],
    private readonly label: string,
    private readonly forks = false,
  ) {}

  /** Starts the process if none runs, and waits until it has loaded the implementation. */
  async start(): Promise<ChildConnection> {
    if (this.forks) await this.liveForkServer().ready;
    if (this.current?.alive !== true) this.current = this.nextConnection();
    await this.current.ready;
    if (this.replaced && this.spare === undefined) this.spare = this.spawn();
    return this.current;
  }

  /** A fresh server instance for one run (a `reset` request). */
  async createService(): Promise<RemoteService> {
    // A request still in flight means the last run gave up on a hung call: start over.
    if (this.current?.busy === true) {
      this.current.kill();
      this.current = undefined;
      this.replaced = true;
    }
    const connection = await this.start();
    let made: Response;
    try {
      made = await connection.request({ op: 'reset' }, CONSTRUCTOR_TIMEOUT_MS);
    } catch (error) {
      if (error instanceof TimedOut) throw new Error(`the server's constructor did not finish within ${CONSTRUCTOR_TIMEOUT_MS / 1000} s`);
      throw error;
    }
    throwIfError(made);
    const answered = (length: number): void => {
      this.largestAnswer = Math.max(this.largestAnswer, length);
    };
    return {
      onMessage: (message: unknown) => deliver(connection, message, answered),
      call: (message: unknown, timeoutMs: number) => call(connection, message, timeoutMs, answered),
    };
  }

  /** Kills the processes at once: the call in flight fails, the next run starts a fresh process. */
  abort(): void {
    this.current?.kill();
    this.spare?.kill();
  }

  /** Stops every process. */
  async close(): Promise<void> {
    await Promise.all([this.current?.close(), this.spare?.close()]);
    await this.forkServer?.close();
  }

  /** The fork server, started again if it has ended (killed from outside: its children ended with it). */
  private liveForkServer(): ForkServer {
    if (this.forkServer?.alive !== true) this.forkServer = new ForkServer(this.program, this.args, this.label);
    return this.forkServer;
  }

  private nextConnection(): ChildConnection {
    if (this.current !== undefined) this.replaced = true;
    const spare = this.spare;
    this.spare = undefined;
    return spare?.alive === true ? spare : this.spawn();
  }

  private spawn(): ChildConnection {
    return new ChildConnection(this.program, this.args, this.label, this.forkServer?.connect());
  }
}

/** One call, its timeout measured to the first byte of the answer (a huge reply is slow to send, not hung). */
async function call(connection: ChildConnection, message: unknown, timeoutMs: number, answered: (length: number) => void): Promise<CallOutcome> {
  let response: Response;
  try {
    response = await connection.request({ op: 'message', message }, timeoutMs);
  } catch (error) {
    if (error instanceof TimedOut) return { kind: 'timeout', ms: timeoutMs };
    // A process that has ended answers nothing more in this run (the next run gets a fresh one).
    return { kind: 'threw', error: errorText(error), ...(connection.alive ? {} : { ended: true }) };
  }
  answered(connection.lastAnswerLength);
  if (typeof response.garbled === 'string') return { kind: 'garbled', error: response.garbled };
  const error = remoteErrorOf(response);
  return error === undefined ? { kind: 'reply', value: response.reply, bytes: connection.lastAnswerLength } : { kind: 'threw', error: errorText(error) };
}

async function deliver(connection: ChildConnection, message: unknown, answered: (length: number) => void): Promise<unknown> {
  const response = await connection.request({ op: 'message', message });
  answered(connection.lastAnswerLength);
  throwIfError(response);
  if (typeof response.garbled === 'string') throw new NotTransferable(response.garbled);
  return response.reply;
}

function throwIfError(response: Response): void {
  const error = remoteErrorOf(response);
  if (error !== undefined) throw error;
}

/** The error a response reports, named after the implementation's own type, or undefined. */
function remoteErrorOf(response: Response): RemoteError | undefined {
  const error = response.error as { type?: unknown; message?: unknown } | undefined;
  if (error === undefined) return undefined;
  return new RemoteError(typeof error.type === 'string' ? error.type : 'Error', typeof error.message === 'string' ? error.message : '');
}
