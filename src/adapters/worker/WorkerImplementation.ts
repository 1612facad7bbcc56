/**
 * A TS/JS implementation run apart from the checker, in a worker thread. Runs
 * are driven and judged in the checker's thread, and the servers' calls cross
 * one at a time: the implementation's thread is hostile ground (code under
 * check can patch its globals or forge what it posts), so nothing it computes
 * besides its server's answers is believed. Whatever the implementation does to
 * its thread (exit, loop, crash, run out of memory), the run in flight gets a
 * finding and the next run gets a fresh thread; once one was needed, a spare is kept warm.
 */
import path from 'node:path';
import { effectiveLevel, propertyById, type CallOutcome, type Scenario } from '../../../properties/index.ts';
import type { RunRecording } from '../../check/RunRecording.ts';
import { runScenario, type RunResult, type RunSettings } from '../../check/runScenario.ts';
import type { ScenarioHost } from '../../check/ScenarioHost.ts';
import { remoteFactory, type RemoteService, type ServiceFactory } from '../../check/service.ts';
import { evaluateSequence, type SequenceEvaluator } from '../../check/evaluateSequence.ts';
import { DEFAULT_SIMULATION_TIMEOUT_MS } from '../../harness/objectHarness.ts';
import type { HarnessOptions } from '../../harness/harnessOptions.ts';
import type { HarnessResult } from '../../harness/HarnessResult.ts';
import { bundleModule, type ModuleBundle } from '../moduleBundle.ts';
import { ImplementationThread, implementationWorkerEntry, isThreadEnd, WORKER_MEMORY_MB, type ThreadEnd, type ThreadLoad } from './ImplementationThread.ts';
import { OutputCapture, type CapturedOutput } from './outputCapture.ts';
import { replyWeight } from './replyWeight.ts';

const DEFAULT_CREATE_TIMEOUT_MS = 1000;

/** How long past its own timeout a thread may stand still before it counts as blocked. */
export function stallLimitMs(timeoutMs: number): number {
  return timeoutMs + Math.max(200, timeoutMs);
}

/**
 * How long one call may take, whatever the heartbeat says. A call beats as it starts and ends (and as its
 * Promise settles), so an honest one answers within two stall limits; code that bumps the heartbeat itself
 * while it hangs is stopped at three.
 */
export function callLimitMs(timeoutMs: number): number {
  return 3 * stallLimitMs(timeoutMs);
}

export class WorkerImplementation implements ScenarioHost {
  readonly factory: ServiceFactory = remoteFactory(() => this.createService());
  private readonly output = new OutputCapture();
  private current: ImplementationThread | undefined;
  private spare: ImplementationThread | undefined;
  private replaced = false;
  /** The per-message timeout last asked for: making a server for a step-by-step engine gets as long. */
  private timeoutMs = DEFAULT_CREATE_TIMEOUT_MS;

  private constructor(
    private readonly load: ThreadLoad,
    private readonly bundle: ModuleBundle | undefined,
  ) {}

  /**
   * Loads `file` in a worker thread; throws a LoadError with a one-line reason if it cannot.
   * The module is bundled once here, so that every thread it needs (after a crash, a spare) loads it with Node alone.
   */
  static async start(file: string): Promise<WorkerImplementation> {
    const bundle = await bundleModule(path.resolve(file));
    const implementation = new WorkerImplementation({ entry: await implementationWorkerEntry(), file, bundle: bundle?.file }, bundle);
    try {
      await implementation.thread();
    } catch (error) {
      await implementation.close();
      throw error;
    }
    return implementation;
  }

  /** What the implementation printed, kept out of the checker's own output. */
  capturedOutput(): CapturedOutput {
    return this.output.summary();
  }

  /**
   * One run, driven and judged here: only the server's calls cross to its thread. Whatever the implementation
   * does to its own thread (its globals, its prototypes, its port to this one), it can change what its server
   * answers, never how a run is judged.
   */
  async run(scenario: Scenario, settings: RunSettings): Promise<RunResult> {
    this.timeoutMs = settings.timeoutMs;
    let finishRecording: (() => RunRecording) | undefined;
    const result = await runScenario(this.factory, scenario, { ...settings, onPass: (finish) => (finishRecording = finish) });
    if (result.finding !== undefined || result.abandoned !== undefined || !settings.properties.some((property) => property.id === 'S6')) return result;
    // Something the implementation left behind may surface only now (a timer, a rejection): it fails the run.
    const escaped = await this.escapedSince(settings.timeoutMs);
    if (escaped === undefined) return result;
    const finding = { property: 'S6', level: effectiveLevel(propertyById('S6'), settings.strict), message: `${escaped} (noticed after the last step)`, step: undefined } as const;
    const recording = finishRecording?.();
    return { ...result, finding, ...(recording === undefined ? {} : { recording }) };
  }

  /** What escaped the implementation once its thread has let due timers and rejections surface; undefined if nothing (or no thread). */
  private async escapedSince(timeoutMs: number): Promise<string | undefined> {
    const thread = this.current;
    if (thread?.alive !== true) return undefined;
    const answer = await thread.request((id) => ({ kind: 'settle', id }), stallLimitMs(timeoutMs), callLimitMs(timeoutMs));
    if (isThreadEnd(answer)) return endText(answer);
    return answer.kind === 'settled' && answer.escaped !== undefined ? textOf(answer.escaped) : undefined;
  }

  /** One exhaustive-search sequence, driven and judged here, as a run is. */
  readonly evaluateSequence: SequenceEvaluator = (mode, node, settings) => {
    this.timeoutMs = settings.timeoutMs;
    return evaluateSequence(this.factory, mode, node, settings);
  };

  /** Runs the original harness next to the implementation; a crash or a blocked thread ends it with a server failure. */
  async simulate(options: Omit<HarnessOptions, 'onProgress'>): Promise<HarnessResult> {
    const thread = await this.thread();
    const timeoutMs = options.timeoutMs ?? DEFAULT_SIMULATION_TIMEOUT_MS;
    const answer = await thread.request((id) => ({ kind: 'simulate', id, options }), stallLimitMs(timeoutMs));
    if (answer.kind === 'simulated') return answer.result;
    if (answer.kind === 'broken') throw new Error(`the checker's worker failed: ${answer.error}`);
    if (isThreadEnd(answer)) return { records: 0, messages: 0, drainRounds: 0, originalCheck: undefined, endCheck: undefined, sampledSafety: undefined, serverFailure: endText(answer) };
    throw new Error(`internal: unexpected worker answer ${answer.kind}`);
  }

  /** Ends the threads at once: the request in flight ends, the next run gets a fresh thread. */
  abort(): void {
    void this.current?.close();
    void this.spare?.close();
  }

  async close(): Promise<void> {
    await Promise.all([this.current?.close(), this.spare?.close()]);
    this.bundle?.remove();
  }

  /** A live thread with the implementation loaded. */
  private async thread(): Promise<ImplementationThread> {
    if (this.current?.alive !== true) {
      if (this.current !== undefined) this.replaced = true;
      const spare = this.spare;
      this.spare = undefined;
      this.current = spare?.alive === true ? spare : new ImplementationThread(this.load, this.output);
    }
    await this.current.ready;
    if (this.replaced && this.spare === undefined) this.spare = new ImplementationThread(this.load, this.output);
    return this.current;
  }

  private async createService(): Promise<RemoteService> {
    const thread = await this.thread();
    // A server is made in its thread; calls to a server whose thread has since ended report that end.
    const timeoutMs = this.timeoutMs;
    const created = await thread.request((id) => ({ kind: 'create', id, timeoutMs }), stallLimitMs(timeoutMs), callLimitMs(timeoutMs));
    if (isThreadEnd(created)) throw new Error(endText(created));
    if (created.kind !== 'created') throw new Error(`the server's thread answered "${textOf(created.kind)}" to making a server`);
    if (created.error !== undefined) throw new Error(textOf(created.error));
    let snapshot: unknown;
    const service: RemoteService = {
      onMessage: () => {
        throw new Error('internal: a worker server is called through call()');
      },
      call: async (message: unknown, timeoutMs: number): Promise<CallOutcome> => {
        this.timeoutMs = timeoutMs;
        const answer = await thread.request((id) => ({ kind: 'call', id, message, timeoutMs }), stallLimitMs(timeoutMs), callLimitMs(timeoutMs));
        // A thread that ended answers nothing more in this run (the next run gets a fresh one).
        if (isThreadEnd(answer)) return answer.kind === 'blocked' ? { kind: 'timeout', ms: answer.ms } : { kind: 'threw', error: endText(answer), ended: true };
        if (answer.kind !== 'called') return { kind: 'threw', error: `the server's thread answered "${textOf(answer.kind)}" to a call${answer.kind === 'broken' ? `: ${textOf(answer.error)}` : ''}` };
        snapshot = answer.snapshot;
        return outcomeOf(answer.outcome);
      },
    };
    return created.hasSnapshot === true ? { ...service, snapshot: () => snapshot } : service;
  }
}

/**
 * A call's outcome as the implementation's thread posted it, taken only in a shape the checker knows: the
 * thread is the implementation's, so what it posts is the server's answer at most, never the checker's facts
 * (whether a thread ended is seen here, not told).
 */
function outcomeOf(posted: unknown): CallOutcome {
  const outcome = (typeof posted === 'object' && posted !== null ? posted : {}) as Partial<Record<string, unknown>>;
  switch (outcome.kind) {
    case 'reply':
      return { kind: 'reply', value: outcome.value, bytes: replyWeight(outcome.value) };
    case 'threw':
    case 'garbled':
      return { kind: outcome.kind, error: textOf(outcome.error) };
    case 'timeout':
      return { kind: 'timeout', ms: typeof outcome.ms === 'number' && Number.isFinite(outcome.ms) ? outcome.ms : 0 };
    default:
      return { kind: 'threw', error: "the server's thread posted an answer that is not a call's outcome" };
  }
}

/** A posted value as text, for a message (the thread's words are shown, never trusted to be strings). */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : String(typeof value);
}

/** What ended the thread, in words a report can show. */
export function endText(end: ThreadEnd): string {
  switch (end.kind) {
    case 'blocked':
      return `the server blocked its thread for ${end.ms} ms without answering (a synchronous loop?)`;
    case 'exited':
      return `the server ended its thread (exit code ${end.code})`;
    case 'crashed':
      return end.outOfMemory ? `the server ran out of memory (over ${WORKER_MEMORY_MB} MB)` : `the server crashed its thread: ${end.error}`;
  }
}
