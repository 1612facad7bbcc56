/**
 * A TS/JS implementation run apart from the checker, in a worker thread. Whole
 * scenarios run next to it; engines that watch every step get servers whose
 * calls cross one at a time. Whatever the implementation does to its thread
 * (exit, loop, crash, run out of memory), the run in flight gets a finding and
 * the next run gets a fresh thread; once one was needed, a spare is kept warm.
 */
import path from 'node:path';
import { effectiveLevel, propertyById, type CallOutcome, type PropertyId, type Scenario } from '../../../properties/index.ts';
import type { RunResult, RunSettings } from '../../check/runScenario.ts';
import type { ScenarioHost } from '../../check/ScenarioHost.ts';
import { remoteFactory, type RemoteService, type ServiceFactory } from '../../check/service.ts';
import { scenarioOf, type SequenceEvaluator } from '../../check/evaluateSequence.ts';
import { START } from '../../check/Frontier.ts';
import { DEFAULT_SIMULATION_TIMEOUT_MS } from '../../harness/objectHarness.ts';
import type { HarnessOptions } from '../../harness/harnessOptions.ts';
import type { HarnessResult } from '../../harness/HarnessResult.ts';
import { bundleModule, type ModuleBundle } from '../moduleBundle.ts';
import { ImplementationThread, implementationWorkerEntry, WORKER_MEMORY_MB, type ThreadEnd, type ThreadLoad } from './ImplementationThread.ts';
import { OutputCapture, type CapturedOutput } from './outputCapture.ts';
import { LIVENESS_STEP } from './workerProtocol.ts';

const DEFAULT_CREATE_TIMEOUT_MS = 1000;

/** How long past its own timeout a thread may stand still before it counts as blocked. */
export function stallLimitMs(timeoutMs: number): number {
  return timeoutMs + Math.max(200, timeoutMs);
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

  async run(scenario: Scenario, settings: RunSettings): Promise<RunResult> {
    this.timeoutMs = settings.timeoutMs;
    const thread = await this.thread();
    const properties = settings.properties.map((property) => property.id);
    const answer = await thread.request(
      (id) => ({ kind: 'run', id, scenario, properties, strict: settings.strict, timeoutMs: settings.timeoutMs }),
      stallLimitMs(settings.timeoutMs),
    );
    if (answer.kind === 'ran') return answer.result;
    if (answer.kind === 'broken') throw new Error(`the checker's worker failed: ${answer.error}`);
    if (isEnd(answer)) return resultOfEnd(answer, scenario, properties, settings.strict);
    throw new Error(`internal: unexpected worker answer ${answer.kind}`);
  }

  /** One exhaustive-search sequence, evaluated next to the implementation (one crossing per sequence). */
  readonly evaluateSequence: SequenceEvaluator = async (mode, node, settings) => {
    this.timeoutMs = settings.timeoutMs;
    const thread = await this.thread();
    const properties = settings.properties.map((property) => property.id);
    const answer = await thread.request(
      (id) => ({ kind: 'evaluate', id, mode, node, properties, strict: settings.strict, timeoutMs: settings.timeoutMs }),
      stallLimitMs(settings.timeoutMs),
    );
    if (answer.kind === 'evaluated') return answer.evaluation;
    if (answer.kind === 'broken') throw new Error(`the checker's worker failed: ${answer.error}`);
    if (!isEnd(answer)) throw new Error(`internal: unexpected worker answer ${answer.kind}`);
    const result = resultOfEnd(answer, scenarioOf(mode, node), properties, settings.strict);
    // The state it reached is unknown; a sequence that ended its thread is a failure or abandoned, never extended.
    return {
      finding: result.finding,
      abandoned: result.finding === undefined,
      key: '',
      frontier: START(node.devices),
      parentKey: node.parentKey,
      usedSnapshot: false,
      slowestCallMs: undefined,
      hung: result.hung === true,
      timeoutMs: settings.timeoutMs,
    };
  };

  /** Runs the original harness next to the implementation; a crash or a blocked thread ends it with a server failure. */
  async simulate(options: Omit<HarnessOptions, 'onProgress'>): Promise<HarnessResult> {
    const thread = await this.thread();
    const timeoutMs = options.timeoutMs ?? DEFAULT_SIMULATION_TIMEOUT_MS;
    const answer = await thread.request((id) => ({ kind: 'simulate', id, options }), stallLimitMs(timeoutMs));
    if (answer.kind === 'simulated') return answer.result;
    if (answer.kind === 'broken') throw new Error(`the checker's worker failed: ${answer.error}`);
    if (isEnd(answer)) return { records: 0, messages: 0, drainRounds: 0, originalCheck: undefined, endCheck: undefined, sampledSafety: undefined, serverFailure: endText(answer) };
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
    const created = await thread.request((id) => ({ kind: 'create', id, timeoutMs }), stallLimitMs(timeoutMs));
    if (isEnd(created)) throw new Error(endText(created));
    if (created.kind !== 'created') throw new Error(`internal: unexpected worker answer ${created.kind}`);
    if (created.error !== undefined) throw new Error(created.error);
    let snapshot: unknown;
    const service: RemoteService = {
      onMessage: () => {
        throw new Error('internal: a worker server is called through call()');
      },
      call: async (message: unknown, timeoutMs: number): Promise<CallOutcome> => {
        this.timeoutMs = timeoutMs;
        const answer = await thread.request((id) => ({ kind: 'call', id, message, timeoutMs }), stallLimitMs(timeoutMs));
        if (answer.kind === 'called') {
          snapshot = answer.snapshot;
          return answer.outcome;
        }
        if (isEnd(answer)) return answer.kind === 'blocked' ? { kind: 'timeout', ms: answer.ms } : { kind: 'threw', error: endText(answer) };
        throw new Error(`internal: unexpected worker answer ${answer.kind}`);
      },
    };
    return created.hasSnapshot ? { ...service, snapshot: () => snapshot } : service;
  }
}

function isEnd(answer: { kind: string }): answer is ThreadEnd {
  return answer.kind === 'blocked' || answer.kind === 'exited' || answer.kind === 'crashed';
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

/** The finding for a run whose thread ended: S7 if it ended on bad input, S6 otherwise; abandoned if neither is judged. */
function resultOfEnd(end: ThreadEnd, scenario: Scenario, properties: readonly PropertyId[], strict: boolean): RunResult {
  const step = end.step === LIVENESS_STEP || end.step < 0 ? undefined : end.step;
  const event = step === undefined || step === 0 ? undefined : scenario.events[step - 1];
  const property: PropertyId = event?.kind === 'junk' ? 'S7' : 'S6';
  const where = step === undefined ? 'in the liveness phase' : step === 0 ? 'while the server was being created' : `at step ${step} (${event?.kind ?? '?'})`;
  const hung = end.kind === 'blocked';
  if (!properties.includes(property)) return { finding: undefined, roundsToConverge: undefined, abandoned: `${endText(end)} ${where}`, hung };
  const finding = { property, level: effectiveLevel(propertyById(property), strict), message: `${endText(end)} ${where}`, step } as const;
  return { finding, roundsToConverge: undefined, hung };
}
