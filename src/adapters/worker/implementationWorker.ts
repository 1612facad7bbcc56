/**
 * The worker thread an implementation runs in. It loads the module, then runs
 * whole scenarios next to it (the runner, the model and the properties are pure),
 * so a run costs one message crossing, not one per `onMessage`. It bumps a
 * shared heartbeat around every call, which lets the checker's thread see a
 * synchronous loop and end this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { effectiveLevel, propertyById, type CallOutcome } from '../../../properties/index.ts';
import { callService, errorText, TimedOut, withTimeout } from '../../check/callService.ts';
import { runScenario, type RunResult } from '../../check/runScenario.ts';
import type { RunRecording } from '../../check/RunRecording.ts';
import type { ServiceFactory, ServiceLike } from '../../check/service.ts';
import { evaluateSequence } from '../../check/evaluateSequence.ts';
import { serverSnapshot } from '../../check/serverSnapshot.ts';
import { runObjectHarness } from '../../harness/objectHarness.ts';
import { loadModule } from '../loadModule.ts';
import { Misbehaviour } from './processGuard.ts';
import { BEATS, LIVENESS_STEP, STEP, type WorkerRequest, type WorkerResponse, type WorkerSetup } from './workerProtocol.ts';

const setup = workerData as WorkerSetup;
const heartbeat = new Int32Array(setup.heartbeat);
const port = parentPort;
const misbehaviour = new Misbehaviour();
misbehaviour.install();

function post(response: WorkerResponse): void {
  port?.postMessage(response);
}

function beat(): void {
  Atomics.add(heartbeat, BEATS, 1);
}

/** Tells the watchdog which step is running, so a hang is reported at its step. */
function stepStarted(index: number | undefined): void {
  Atomics.store(heartbeat, STEP, index ?? LIVENESS_STEP);
  beat();
}

/** The implementation's servers, with a heartbeat around every call. */
function watched(factory: ServiceFactory): ServiceFactory {
  return async () => {
    const service = await factory();
    const snapshot = (service as { snapshot?: unknown }).snapshot;
    return {
      ...(typeof snapshot === 'function' ? { snapshot: () => snapshot.call(service) as unknown } : {}),
      onMessage(message: unknown): unknown {
        beat();
        try {
          const reply = service.onMessage(message);
          if (reply instanceof Promise) return reply.finally(beat);
          return reply;
        } finally {
          beat();
        }
      },
    };
  };
}

/**
 * Lets rejections and due timers the implementation left behind surface before
 * the run is reported. Waiting for a timer turn costs a millisecond, so it is
 * paid only when the implementation has a timer pending (this thread has none of its own between runs).
 */
async function settle(): Promise<void> {
  if (process.getActiveResourcesInfo().includes('Timeout')) await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setImmediate(resolve));
}

let current: ServiceLike | undefined;

async function run(factory: ServiceFactory, request: Extract<WorkerRequest, { kind: 'run' }>): Promise<RunResult> {
  // Not cleared first: something that escaped after the last run (a later timer) is this run's finding, never lost.
  const properties = request.properties.map(propertyById);
  // A passing run's recording is finished only if something escaped it makes it a failure.
  let finishRecording: (() => RunRecording) | undefined;
  const result = await runScenario(factory, request.scenario, {
    properties,
    strict: request.strict,
    timeoutMs: request.timeoutMs,
    beforeEvent: stepStarted,
    onPass: (finish) => {
      finishRecording = finish;
    },
  });
  await settle();
  const escaped = misbehaviour.take();
  if (result.finding !== undefined) return result;
  if (escaped === undefined || !request.properties.includes('S6')) return result;
  const recording = finishRecording?.();
  const step = Atomics.load(heartbeat, STEP);
  const message = `${escaped} (noticed at ${step === LIVENESS_STEP ? 'the liveness phase' : `step ${step}`})`;
  const finding = { property: 'S6', level: effectiveLevel(propertyById('S6'), request.strict), message, step: step === LIVENESS_STEP ? undefined : step } as const;
  return { ...result, finding, ...(recording === undefined ? {} : { recording }) };
}

async function call(message: unknown, timeoutMs: number): Promise<CallOutcome> {
  if (current === undefined) return { kind: 'threw', error: 'no server was created' };
  const outcome = await callService(current, message, timeoutMs);
  await settle();
  const escaped = misbehaviour.take();
  return escaped === undefined || outcome.kind !== 'reply' ? outcome : { kind: 'threw', error: escaped };
}

async function create(factory: ServiceFactory, timeoutMs: number): Promise<Extract<WorkerResponse, { kind: 'created' }>> {
  try {
    current = await withTimeout(Promise.resolve(factory()), timeoutMs);
    return { kind: 'created', id: 0, hasSnapshot: typeof (current as { snapshot?: unknown }).snapshot === 'function' };
  } catch (error) {
    current = undefined;
    const why = error instanceof TimedOut ? `creating the server did not finish within ${timeoutMs} ms` : errorText(error);
    return { kind: 'created', id: 0, error: why, hasSnapshot: false };
  }
}

async function answer(factory: ServiceFactory, request: WorkerRequest): Promise<WorkerResponse> {
  switch (request.kind) {
    case 'run':
      return { kind: 'ran', id: request.id, result: await run(factory, request) };
    case 'create':
      return { ...(await create(factory, request.timeoutMs)), id: request.id };
    case 'evaluate': {
      const settings = { properties: request.properties.map(propertyById), strict: request.strict, timeoutMs: request.timeoutMs, beforeEvent: stepStarted };
      return { kind: 'evaluated', id: request.id, evaluation: await evaluateSequence(factory, request.mode, request.node, settings) };
    }
    case 'simulate': {
      const service = await factory();
      return { kind: 'simulated', id: request.id, result: (await runObjectHarness(service, request.options)).result };
    }
    case 'call': {
      const outcome = await call(request.message, request.timeoutMs);
      return { kind: 'called', id: request.id, outcome, snapshot: serverSnapshot(current) };
    }
  }
}

async function main(): Promise<void> {
  let factory: ServiceFactory;
  try {
    factory = watched(await loadModule(setup.file, setup.bundle));
  } catch (error) {
    post({ kind: 'fatal', reason: error instanceof Error ? error.message : String(error) });
    return;
  }
  const escaped = misbehaviour.take();
  if (escaped !== undefined) return post({ kind: 'fatal', reason: `cannot load ${setup.file}: ${escaped}` });
  port?.on('message', (request: WorkerRequest) => {
    answer(factory, request).then(post, (error: unknown) => post({ kind: 'broken', id: request.id, error: errorText(error) }));
  });
  post({ kind: 'ready' });
}

await main();
