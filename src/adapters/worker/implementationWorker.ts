/**
 * The worker thread an implementation runs in. It loads the module, makes its
 * servers and answers their calls, one crossing per `onMessage`: the checker's
 * thread drives and judges every run, since code under check shares this
 * thread and could change anything computed here. It bumps a shared heartbeat
 * around every call, which lets the checker's thread see a synchronous loop and
 * end this thread (and which the implementation could forge: the checker's
 * thread also bounds every call, beats or not).
 */
import { workerData } from 'node:worker_threads';
import type { CallOutcome } from '../../../properties/index.ts';
import { callService, errorText, TimedOut, withTimeout } from '../../check/callService.ts';
import type { ServiceFactory, ServiceLike } from '../../check/service.ts';
import { serverSnapshot } from '../../check/serverSnapshot.ts';
import { runObjectHarness } from '../../harness/objectHarness.ts';
import { loadModule } from '../loadModule.ts';
import { Misbehaviour } from './processGuard.ts';
import { PortPoller } from './PortPoller.ts';
import { BEATS, type WorkerRequest, type WorkerResponse, type WorkerSetup } from './workerProtocol.ts';

const setup = workerData as WorkerSetup;
const heartbeat = new Int32Array(setup.heartbeat);
// Requests and answers cross on a port of their own, which both sides can poll (PortPoller.ts).
const port = setup.port;
const poller = new PortPoller(port);
const misbehaviour = new Misbehaviour();
misbehaviour.install();

function post(response: WorkerResponse): void {
  port.postMessage(response);
}

function beat(): void {
  Atomics.add(heartbeat, BEATS, 1);
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

/**
 * One call. What escaped the implementation so far (a rejection nobody handled, a throw in a timer) fails it;
 * a call does not wait for more to surface (a turn of the event loop per call doubled its cost): what surfaces
 * later fails a later call, or the run's end (`settle` below), which the checker's thread asks for.
 */
async function call(message: unknown, timeoutMs: number): Promise<CallOutcome> {
  if (current === undefined) return { kind: 'threw', error: 'no server was created' };
  const outcome = await callService(current, message, timeoutMs);
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
    case 'create':
      return { ...(await create(factory, request.timeoutMs)), id: request.id };
    case 'simulate': {
      const service = await factory();
      return { kind: 'simulated', id: request.id, result: (await runObjectHarness(service, request.options)).result };
    }
    case 'settle':
      await settle();
      return { kind: 'settled', id: request.id, escaped: misbehaviour.take() };
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
  // After each answer the next request is polled for a moment: the checker's thread sends it as soon as it has
  // judged the step, and a thread woken from sleep for every request would spend more time waking than working.
  const serve = (request: WorkerRequest): void => {
    answer(factory, request).then(
      (response) => {
        post(response);
        const next = poller.poll();
        if (next !== undefined) serve(next.message as WorkerRequest);
      },
      (error: unknown) => post({ kind: 'broken', id: request.id, error: errorText(error) }),
    );
  };
  port.on('message', serve);
  post({ kind: 'ready' });
}

await main();
