/**
 * One worker thread running an implementation, supervised from the checker's
 * thread: a watchdog reads the shared heartbeat and ends a thread that stopped
 * making progress (a synchronous loop cannot be interrupted any other way);
 * exits, crashes and out-of-memory become a `ThreadEnd` for the request in flight.
 */
import { Worker } from 'node:worker_threads';
import { errorText } from '../../check/callService.ts';
import { STARTUP_TIMEOUT_MS } from '../startFailure.ts';
import { LoadError } from '../loadModule.ts';
import { trackRunning } from '../runningProcesses.ts';
import { workerEntry } from '../workerEntry.ts';
import type { OutputCapture } from './outputCapture.ts';
import { BEATS, STEP, type WorkerRequest, type WorkerResponse, type WorkerSetup } from './workerProtocol.ts';

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

/** How a thread ended while a request was in flight, and at which step of the run. */
export type ThreadEnd =
  | { readonly kind: 'blocked'; readonly ms: number; readonly step: number }
  | { readonly kind: 'exited'; readonly code: number; readonly step: number }
  | { readonly kind: 'crashed'; readonly error: string; readonly outOfMemory: boolean; readonly step: number };

type Answer = WorkerResponse | ThreadEnd;

interface Pending {
  readonly id: number;
  readonly resolve: (answer: Answer) => void;
  readonly watchdog: NodeJS.Timeout;
}

export class ImplementationThread {
  /** Settles when the implementation has loaded (or failed to, with a LoadError). */
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly heartbeat = new Int32Array(new SharedArrayBuffer(8));
  private pending: Pending | undefined;
  private ended: ThreadEnd | undefined;
  private nextId = 1;
  private readonly untrack: () => void;
  /** Requests wait their turn: a caller that gave up on one (a timeout) must not collide with the next. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor({ entry, file, bundle }: ThreadLoad, output: OutputCapture) {
    const setup: WorkerSetup = { file, bundle, heartbeat: this.heartbeat.buffer };
    this.worker = new Worker(entry, {
      workerData: setup,
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
   * thread is ended when its heartbeat stands still for `stallLimitMs`.
   */
  request(make: (id: number) => WorkerRequest, stallLimitMs: number): Promise<Answer> {
    const answer = this.queue.then(() => this.send(make, stallLimitMs));
    this.queue = answer;
    return answer;
  }

  private send(make: (id: number) => WorkerRequest, stallLimitMs: number): Promise<Answer> {
    if (this.ended !== undefined) return Promise.resolve(this.ended);
    const id = this.nextId++;
    return new Promise<Answer>((resolve) => {
      this.pending = { id, resolve, watchdog: this.watch(stallLimitMs) };
      this.worker.postMessage(make(id));
    });
  }

  /** Ends the thread. */
  async close(): Promise<void> {
    this.untrack();
    await this.worker.terminate();
  }

  private watch(stallLimitMs: number): NodeJS.Timeout {
    let lastBeat = Atomics.load(this.heartbeat, BEATS);
    let lastChange = performance.now();
    return setInterval(
      () => {
        const beat = Atomics.load(this.heartbeat, BEATS);
        const now = performance.now();
        if (beat !== lastBeat) {
          lastBeat = beat;
          lastChange = now;
        } else if (now - lastChange > stallLimitMs) {
          this.finish({ kind: 'blocked', ms: Math.round(now - lastChange), step: this.step() });
          void this.worker.terminate();
        }
      },
      Math.max(10, Math.min(250, stallLimitMs / 5)),
    );
  }

  private step(): number {
    return Atomics.load(this.heartbeat, STEP);
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
      this.worker.on('message', (response: WorkerResponse) => {
        if (!started) {
          started = true;
          clearTimeout(timer);
          if (response.kind === 'ready') return resolve();
          return reject(new LoadError(response.kind === 'fatal' ? response.reason : `cannot load ${file}: unexpected ${response.kind}`));
        }
        if (!('id' in response) || response.id !== this.pending?.id) return;
        const pending = this.pending;
        this.pending = undefined;
        clearInterval(pending.watchdog);
        pending.resolve(response);
      });
      this.worker.on('error', (error: Error & { code?: string }) => {
        const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        if (!started) {
          clearTimeout(timer);
          reject(new LoadError(`cannot load ${file}: ${outOfMemory ? `it ran out of memory (${WORKER_MEMORY_MB} MB) while loading` : errorText(error)}`));
        }
        this.finish({ kind: 'crashed', error: errorText(error), outOfMemory, step: this.step() });
      });
      this.worker.on('exit', (code) => {
        this.untrack();
        if (!started) {
          clearTimeout(timer);
          // Node ends a thread with 13 when its top-level await can never settle.
          const why = code === 13 ? 'a top-level await never settled' : `its thread ended with code ${code}`;
          reject(new LoadError(`cannot load ${file}: ${why} while loading`));
        }
        this.finish({ kind: 'exited', code, step: this.step() });
      });
    });
  }
}
