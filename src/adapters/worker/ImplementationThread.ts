/**
 * One worker thread running an implementation, supervised from the checker's
 * thread: a watchdog reads the shared heartbeat and ends a thread that stopped
 * making progress (a synchronous loop cannot be interrupted any other way);
 * exits, crashes and out-of-memory become a `ThreadEnd` for the request in flight.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { errorText } from '../../check/callService.ts';
import { STARTUP_TIMEOUT_MS } from '../startFailure.ts';
import { LoadError } from '../loadModule.ts';
import { trackRunning } from '../runningProcesses.ts';
import { workerEntry } from '../workerEntry.ts';
import type { OutputCapture } from './outputCapture.ts';
import { PortPoller } from './PortPoller.ts';
import { BEATS, type WorkerRequest, type WorkerResponse, type WorkerSetup } from './workerProtocol.ts';

/** The thread's entry file: compiled, implementationWorker.js; from sources, implementationWorker.ts bundled (workerEntry.ts). */
export function implementationWorkerEntry(): Promise<URL> {
  return workerEntry(import.meta.url, './implementationWorker');
}

/** What a thread loads: its entry file, and the implementation (`file` names it; `bundle` is its code as one plain ESM file, when it could be bundled). */
export interface ThreadLoad {
  readonly entry: URL;
  readonly file: string;
  readonly bundle: string | undefined;
}

/** Memory an implementation's thread may use before it counts as out of memory. */
export const WORKER_MEMORY_MB = 2048;

/** How a thread ended while a request was in flight. */
export type ThreadEnd =
  | { readonly kind: 'blocked'; readonly ms: number }
  | { readonly kind: 'exited'; readonly code: number }
  | { readonly kind: 'crashed'; readonly error: string; readonly outOfMemory: boolean };

type Answer = WorkerResponse | ThreadEnd;

/** Whether an answer is the thread's end rather than something the thread posted. */
export function isThreadEnd(answer: object): answer is ThreadEnd {
  const { kind } = answer as { kind?: unknown };
  return kind === 'blocked' || kind === 'exited' || kind === 'crashed';
}

interface Pending {
  readonly id: number;
  readonly resolve: (answer: Answer) => void;
  readonly watchdog: NodeJS.Timeout;
}

export class ImplementationThread {
  /** Settles when the implementation has loaded (or failed to, with a LoadError). */
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  /** Requests and answers cross here, not on the worker's own port: a port can be polled (PortPoller.ts). */
  private readonly port: MessagePort;
  private readonly poller: PortPoller;
  /** Handles what the thread posted, whichever way it arrived (polled or through the listener). */
  private received: (posted: unknown) => void = () => {};
  private readonly heartbeat = new Int32Array(new SharedArrayBuffer(4));
  private pending: Pending | undefined;
  private ended: ThreadEnd | undefined;
  private nextId = 1;
  private readonly untrack: () => void;
  /** Requests wait their turn: a caller that gave up on one (a timeout) must not collide with the next. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor({ entry, file, bundle }: ThreadLoad, output: OutputCapture) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.poller = new PortPoller(port1);
    const setup: WorkerSetup = { port: port2, file, bundle, heartbeat: this.heartbeat.buffer };
    this.worker = new Worker(entry, {
      workerData: setup,
      transferList: [port2],
      // Not the checker's own flags: under tsx they register its loader in every thread (about 0.2 CPU-s each), which the entry and the bundle do not need.
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB },
    });
    this.untrack = trackRunning(() => void this.worker.terminate());
    this.worker.stdout.on('data', (chunk: Buffer) => output.write(chunk));
    this.worker.stderr.on('data', (chunk: Buffer) => output.write(chunk));
    this.ready = this.waitUntilReady(file);
    this.ready.catch(() => {});
  }

  get alive(): boolean {
    return this.ended === undefined;
  }

  /**
   * Sends one request and waits for its answer, or for the thread's end. The
   * thread is ended when its heartbeat stands still for `stallLimitMs`, or, with
   * `hardLimitMs`, once the request has taken that long whatever the heartbeat
   * says (the implementation shares the thread that bumps it, and can bump it too).
   */
  request(make: (id: number) => WorkerRequest, stallLimitMs: number, hardLimitMs = Number.POSITIVE_INFINITY): Promise<Answer> {
    const answer = this.queue.then(() => this.send(make, stallLimitMs, hardLimitMs));
    this.queue = answer;
    return answer;
  }

  private send(make: (id: number) => WorkerRequest, stallLimitMs: number, hardLimitMs: number): Promise<Answer> {
    if (this.ended !== undefined) return Promise.resolve(this.ended);
    const id = this.nextId++;
    return new Promise<Answer>((resolve) => {
      this.pending = { id, resolve, watchdog: this.watch(stallLimitMs, hardLimitMs) };
      this.port.postMessage(make(id));
      // Most answers come within microseconds: waiting for them here saves waking this thread for each.
      const answer = this.poller.poll();
      if (answer !== undefined) this.received(answer.message);
    });
  }

  /** Ends the thread. */
  async close(): Promise<void> {
    this.untrack();
    await this.worker.terminate();
    this.port.close();
  }

  private watch(stallLimitMs: number, hardLimitMs: number): NodeJS.Timeout {
    let lastBeat = Atomics.load(this.heartbeat, BEATS);
    const started = performance.now();
    let lastChange = started;
    return setInterval(
      () => {
        const beat = Atomics.load(this.heartbeat, BEATS);
        const now = performance.now();
        if (beat !== lastBeat) {
          lastBeat = beat;
          lastChange = now;
        }
        const stalled = now - lastChange > stallLimitMs;
        if (stalled || now - started > hardLimitMs) {
          this.finish({ kind: 'blocked', ms: Math.round(now - (stalled ? lastChange : started)) });
          void this.worker.terminate();
        }
      },
      Math.max(10, Math.min(250, stallLimitMs / 5)),
    );
  }

  /**
   * Hands on what the thread posted before it ended: its own port would deliver that before its 'exit' event,
   * a port of a channel does not (a module that throws at load posts why, then its thread ends).
   */
  private drain(): void {
    for (let posted = receiveMessageOnPort(this.port); posted !== undefined; posted = receiveMessageOnPort(this.port)) this.received(posted.message);
  }

  /** Ends the thread's life as `end`, answering the request in flight with it. */
  private finish(end: ThreadEnd): void {
    this.ended ??= end;
    const pending = this.pending;
    this.pending = undefined;
    if (pending === undefined) return;
    clearInterval(pending.watchdog);
    pending.resolve(this.ended);
  }

  private waitUntilReady(file: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let started = false;
      const timer = setTimeout(() => {
        reject(new LoadError(`${file} did not load within ${STARTUP_TIMEOUT_MS / 1000} s (a top-level await that never settles, or a loop at import?)`));
        void this.close();
      }, STARTUP_TIMEOUT_MS);
      this.received = (posted: unknown) => {
        // Code under check shares the thread and can post anything: only objects are answers, checked further by the
        // caller, and none may pass for the thread's end, which only this side sees (finish).
        if (typeof posted !== 'object' || posted === null || isThreadEnd(posted)) return;
        const response = posted as WorkerResponse;
        if (!started) {
          started = true;
          clearTimeout(timer);
          if (response.kind === 'ready') return resolve();
          return reject(new LoadError(response.kind === 'fatal' ? String(response.reason) : `cannot load ${file}: unexpected ${String(response.kind)}`));
        }
        if (!('id' in response) || response.id !== this.pending?.id) return;
        const pending = this.pending;
        this.pending = undefined;
        clearInterval(pending.watchdog);
        pending.resolve(response);
      };
      this.port.on('message', (posted: unknown) => this.received(posted));
      this.worker.on('error', (error: Error & { code?: string }) => {
        this.drain();
        const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        if (!started) {
          clearTimeout(timer);
          reject(new LoadError(`cannot load ${file}: ${outOfMemory ? `it ran out of memory (${WORKER_MEMORY_MB} MB) while loading` : errorText(error)}`));
        }
        this.finish({ kind: 'crashed', error: errorText(error), outOfMemory });
      });
      this.worker.on('exit', (code) => {
        this.drain();
        this.untrack();
        this.port.close();
        if (!started) {
          clearTimeout(timer);
          // Node ends a thread with 13 when its top-level await can never settle.
          const why = code === 13 ? 'a top-level await never settled' : `its thread ended with code ${code}`;
          reject(new LoadError(`cannot load ${file}: ${why} while loading`));
        }
        this.finish({ kind: 'exited', code });
      });
    });
  }
}
