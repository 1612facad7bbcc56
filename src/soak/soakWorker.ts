/** One soak worker thread: runs batches of generated runs against its own copy of the implementation. */
import { threadId } from 'node:worker_threads';
import type { NetworkMode } from '../../model/index.ts';
import { propertiesFor } from '../../properties/index.ts';
import { loadImplementation, type LoadedImplementation } from '../adapters/loadImplementation.ts';
import { findCounterexample, type RandomCounterexample } from '../check/findCounterexample.ts';
import { modeSeed } from '../check/findCounterexample.ts';

export interface SoakTask {
  readonly target: string;
  readonly mode: NetworkMode;
  /** The batch's seed: `sync-check TARGET --mode MODE --seed SEED --runs RUNS` replays it. */
  readonly seed: number;
  readonly runs: number;
  readonly strict: boolean;
  readonly timeoutMs: number;
  readonly deviceCount: number | undefined;
}

export interface BatchResult {
  readonly threadId: number;
  readonly runs: number;
  readonly seconds: number;
  readonly counterexample: RandomCounterexample | undefined;
}

const loaded = new Map<string, Promise<LoadedImplementation>>();

/** Runs one batch: the same search `sync-check` makes first for this mode and seed. */
export default async function runBatch(task: SoakTask): Promise<BatchResult> {
  let implementation = loaded.get(task.target);
  if (implementation === undefined) {
    implementation = loadImplementation(task.target);
    loaded.set(task.target, implementation);
  }
  const host = await implementation;
  const started = process.hrtime.bigint();
  const { runs, counterexample } = await findCounterexample(host, task.mode, propertiesFor(task.mode, task.strict), {
    runs: task.runs,
    seed: modeSeed(task.seed, task.mode),
    strict: task.strict,
    timeoutMs: task.timeoutMs,
    ...(task.deviceCount === undefined ? {} : { deviceCount: task.deviceCount }),
  });
  return { threadId, runs, seconds: Number(process.hrtime.bigint() - started) / 1e9, counterexample };
}
