/** `sync-check IMPL --minutes M [--workers N] [--shard i/n]`: soak runs on every core. */
import { propertyById } from '../../properties/index.ts';
import type { ExplainedCounterexample } from '../conformance/ConformanceReport.ts';
import { counterexampleText } from '../report/counterexampleText.ts';
import { formatTrace } from '../report/formatTrace.ts';
import { defaultWorkers, soak, type SoakReport, type WorkerFigures } from '../soak/soak.ts';
import type { SyncCheckArguments } from './checkArguments.ts';
import type { Io } from './io.ts';
import { replayCommand, saveCounterexample } from '../failures/saveCounterexamples.ts';
import { savedTarget, saveSettings, targetOf, withImplementation } from './target.ts';

/** Runs the soak; exit 1 on the first failure, else 0. */
export async function runSoak(args: SyncCheckArguments, minutes: number, io: Io): Promise<number> {
  const target = targetOf(args);
  const { label } = target;
  const workers = args.workers ?? defaultWorkers();
  const runsPerBatch = args.runs;
  const seed = args.seed ?? Math.floor(Math.random() * 2 ** 31);
  const shard = `${args.shard.index + 1}/${args.shard.count}`;
  const showProgress = !args.json && io.progress !== undefined;
  // Load once here first: a broken implementation is a one-line error, not a crashed worker.
  await withImplementation(target, () => Promise.resolve());
  const report = await soak({
    target: target.source, minutes, workers, shard: args.shard, seed, modes: args.modes, runsPerBatch,
    strict: args.strict, timeoutMs: args.timeoutMs, deviceCount: args.deviceCount,
    ...(showProgress ? { onProgress: (runs: number, seconds: number) => io.progress?.write(`\r\x1b[Ksoak: ${runs} runs in ${seconds.toFixed(0)} s`) } : {}),
  });
  if (showProgress) io.progress?.write('\r\x1b[K');
  const failure = report.failure;
  if (args.json) {
    const summary = { implementation: label, seed, shard, minutes, workers, runsPerBatch, ...figuresOf(report), failure: failure && { ...failure.task, property: failure.counterexample.finding.property, message: failure.counterexample.finding.message } };
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    io.stdout(`sync-check soak: ${label}, ${minutes} min on ${workers} worker${workers === 1 ? '' : 's'}, shard ${shard}, seed ${seed}, ${runsPerBatch} runs per batch\n`);
    io.stdout(`${summaryLines(report).join('\n')}\n`);
  }
  if (failure === undefined) return 0;
  const { counterexample, task } = failure;
  // The worker sent the failing run's recording with it: nothing is run again to describe it.
  const explained: ExplainedCounterexample = counterexample;
  const file = saveCounterexample(explained, savedTarget(target), saveSettings(args));
  const alone = `npx sync-check ${args.command === undefined ? (args.implementation ?? '') : `--command "${args.command}"`} --mode ${task.mode} --seed ${task.seed} --runs ${task.runs}`.replace(/ +/g, ' ');
  if (!args.json) {
    io.stdout(`\n${counterexampleText(explained, formatTrace(explained), replayCommand(file))}\n`);
    io.stdout(`  the batch alone: ${alone}\n  (${propertyById(counterexample.finding.property).name}, found by a worker; the others were stopped)\n`);
  }
  return 1;
}

/** A worker's runs per second of busy time, to one decimal. */
function workerRate(worker: WorkerFigures): string {
  return (worker.runs / Math.max(worker.busySeconds, 1e-9)).toFixed(1);
}

function figuresOf(report: SoakReport): { runs: number; seconds: number; runsPerSecond: number; workerFigures: unknown[] } {
  return {
    runs: report.runs,
    seconds: Number(report.seconds.toFixed(2)),
    runsPerSecond: Number((report.runs / report.seconds).toFixed(1)),
    workerFigures: report.workers.map((worker) => ({ ...worker, runsPerSecond: Number(workerRate(worker)) })),
  };
}

function summaryLines(report: SoakReport): string[] {
  const lines = report.workers.map(
    (worker) => `  worker ${worker.worker}: ${worker.runs} runs in ${worker.batches} batches, ${workerRate(worker)} runs/s`,
  );
  lines.push(`  overall: ${report.runs} runs in ${report.seconds.toFixed(1)} s, ${(report.runs / report.seconds).toFixed(1)} runs/s`);
  lines.push(report.failure === undefined ? `verdict: PASS (no failure in ${report.runs} runs)` : 'verdict: FAIL');
  return lines;
}
