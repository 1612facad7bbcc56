/**
 * Soak runs: keep generating new runs until the time is up, on a pool of worker
 * threads (tinypool). The first failure stops every worker; it arrives already
 * shrunk, with the batch seed that replays it alone.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { NetworkMode } from '../../model/index.ts';
import type { RandomCounterexample } from '../check/findCounterexample.ts';
import { workerEntry } from '../adapters/workerEntry.ts';
import { batchMode, batchSeed, globalBatch, type Shard } from './batchPlan.ts';
import type { BatchResult, SoakTask } from './soakWorker.ts';

export interface SoakOptions {
  readonly target: string;
  readonly minutes: number;
  readonly workers: number;
  readonly shard: Shard;
  readonly seed: number;
  readonly modes: readonly NetworkMode[];
  /** Runs per batch: the granularity of time checks, stops and replay commands. */
  readonly runsPerBatch: number;
  readonly strict: boolean;
  readonly timeoutMs: number;
  readonly deviceCount: number | undefined;
  readonly onProgress?: (runs: number, seconds: number) => void;
}

export interface WorkerFigures {
  readonly worker: number;
  readonly runs: number;
  readonly batches: number;
  readonly busySeconds: number;
}

export interface SoakReport {
  readonly runs: number;
  readonly seconds: number;
  readonly workers: readonly WorkerFigures[];
  /** The first failure, with the batch that found it. */
  readonly failure: { readonly counterexample: RandomCounterexample; readonly task: SoakTask } | undefined;
}

/** Workers by default: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export async function soak(options: SoakOptions): Promise<SoakReport> {
  // Compiled, soakWorker.js; from sources, soakWorker.ts bundled (workerEntry.ts). No tsx flags of the checker's in the threads.
  const filename = fileURLToPath(await workerEntry(import.meta.url, './soakWorker'));
  const pool = new Tinypool({ filename, minThreads: options.workers, maxThreads: options.workers, isolateWorkers: false, execArgv: [] });
  const stop = new AbortController();
  const started = Date.now();
  const deadline = started + options.minutes * 60_000;
  const figures = new Map<number, { runs: number; batches: number; busySeconds: number }>();
  let nextLocal = 0;
  let totalRuns = 0;
  let failure: SoakReport['failure'];
  const lane = async (): Promise<void> => {
    while (failure === undefined && Date.now() < deadline) {
      const batch = globalBatch(options.shard, nextLocal++);
      const task = taskFor(options, batch);
      let result: BatchResult;
      try {
        result = (await pool.run(task, { signal: stop.signal })) as BatchResult;
      } catch (error) {
        if (stop.signal.aborted) return;
        throw error;
      }
      const mine = figures.get(result.threadId) ?? { runs: 0, batches: 0, busySeconds: 0 };
      figures.set(result.threadId, { runs: mine.runs + result.runs, batches: mine.batches + 1, busySeconds: mine.busySeconds + result.seconds });
      totalRuns += result.runs;
      options.onProgress?.(totalRuns, (Date.now() - started) / 1000);
      if (result.counterexample !== undefined && failure === undefined) {
        failure = { counterexample: result.counterexample, task };
        stop.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.workers }, lane));
  } finally {
    await pool.destroy();
  }
  const workers = [...figures.entries()].sort(([left], [right]) => left - right).map(([, figure], index) => ({ worker: index + 1, ...figure }));
  return { runs: totalRuns, seconds: (Date.now() - started) / 1000, workers, failure };
}

function taskFor(options: SoakOptions, batch: number): SoakTask {
  return {
    target: options.target,
    mode: batchMode(options.modes, batch),
    seed: batchSeed(options.seed, batch),
    runs: options.runsPerBatch,
    strict: options.strict,
    timeoutMs: options.timeoutMs,
    deviceCount: options.deviceCount,
  };
}
