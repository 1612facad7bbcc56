/** `npm run simulate` as a function: the original harness, seeded, then the original check and ours. */
import { loadImplementation } from '../adapters/loadImplementation.ts';
import { runFastHarness } from './fastHarness.ts';
import type { HarnessOptions } from '../harness/harnessOptions.ts';
import type { HarnessResult } from '../harness/HarnessResult.ts';
import { runObjectHarness } from '../harness/objectHarness.ts';

export interface SimulationReport {
  readonly result: HarnessResult;
  readonly seconds: number;
  /** Peak resident memory of this process, in MB. */
  readonly peakMemoryMb: number;
  /** 'reference (fast path)' or the implementation path. */
  readonly server: string;
}

/** Runs the harness with the reference (fast path) or with the implementation at `server`. */
export async function simulate(options: HarnessOptions, server: string | undefined): Promise<SimulationReport> {
  const started = process.hrtime.bigint();
  let result: HarnessResult;
  if (server === undefined) {
    result = runFastHarness(options).result;
  } else {
    const loaded = await loadImplementation(server);
    try {
      // A worker-thread implementation runs the whole harness next to itself; a process is driven from here, message by message.
      const { onProgress: _progress, ...plain } = options;
      result = loaded.simulate === undefined ? (await runObjectHarness(await loaded.factory(), options)).result : await loaded.simulate(plain);
    } finally {
      await loaded.close();
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakMemoryMb = process.resourceUsage().maxRSS / 1024;
  return { result, seconds, peakMemoryMb, server: server ?? 'reference (fast path)' };
}

/** The summary lines a person reads. */
export function simulationText(options: HarnessOptions, report: SimulationReport): string[] {
  const { result } = report;
  const verdict = (failure: string | undefined): string => (result.serverFailure !== undefined ? 'not reached' : failure === undefined ? 'pass' : `FAIL: ${failure}`);
  return [
    `simulate: ${options.devices} devices x ${options.rounds} rounds, seed ${options.seed}, server ${report.server}`,
    `  records          ${result.records}`,
    `  messages         ${result.messages}`,
    `  drain rounds     ${result.drainRounds}`,
    `  time             ${report.seconds.toFixed(2)} s`,
    `  peak memory      ${Math.round(report.peakMemoryMb)} MB`,
    ...(result.serverFailure === undefined ? [] : [`  server           FAIL: ${result.serverFailure} (the run stopped there)`]),
    `  original check   ${verdict(result.originalCheck)}`,
    `  our end checks   ${verdict(result.endCheck)}  (every record on every device, no duplicates, sender order, agreement)`,
    ...(options.checkEvery ? [`  sampled safety   ${verdict(result.sampledSafety)}  (S1-S3 every ${options.checkEvery} rounds)`] : []),
  ];
}
