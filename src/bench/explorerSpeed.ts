/** Figures of the model checker: distinct states per second, and the largest bounds searched within 10 s. */
import type { NetworkMode } from '../../model/index.ts';
import { checkModel, statesPerSecond } from '../modelChecker/checkModel.ts';
import type { ModelCheckerBounds } from '../modelChecker/modelCheckerBounds.ts';
import type { Figure } from './measure.ts';

/** Bounds in growing order of state space, as (records per device, pending per device). */
const GROWING: readonly (readonly [number, number])[] = [
  [1, 1],
  [2, 1],
  [1, 2],
  [2, 2],
  [3, 1],
  [3, 2],
  [2, 3],
  [3, 3],
  [4, 2],
  [4, 3],
];

const TEN_SECONDS = 10_000;

/** Distinct states per second on a bound big enough to run a few seconds. */
export function explorerSpeed(bounds: ModelCheckerBounds): Figure {
  const report = checkModel(bounds);
  return {
    name: `explore ${bounds.mode} ${bounds.devices}d`,
    value: statesPerSecond(report),
    unit: 'states/s',
    detail: `${bounds.recordsPerDevice} records, ${bounds.pendingPerDevice} pending per device: ${report.distinctStates.toLocaleString('en-US')} distinct states in ${(report.milliseconds / 1000).toFixed(1)} s, ${Math.round(report.bytes / 2 ** 20)} MiB`,
  };
}

/**
 * The bound of GROWING with the most states that completes within 10 s for
 * `devices` devices in `mode`. A bound at least as large in both records and
 * replies as one that ran over is skipped: it would run over too.
 */
export function largestBoundIn10s(mode: NetworkMode, devices: number, say: (text: string) => void): Figure {
  let largest: { bounds: ModelCheckerBounds; states: number; seconds: number } | undefined;
  const overTime: (readonly [number, number])[] = [];
  for (const [recordsPerDevice, pendingPerDevice] of GROWING) {
    if (overTime.some(([records, pending]) => recordsPerDevice >= records && pendingPerDevice >= pending)) continue;
    const bounds = { mode, devices, recordsPerDevice, pendingPerDevice };
    const report = checkModel(bounds, { maxMilliseconds: TEN_SECONDS });
    say(`  ${mode} ${devices} devices, ${recordsPerDevice} records, ${pendingPerDevice} pending: ${report.complete ? `${report.distinctStates.toLocaleString('en-US')} states in ${(report.milliseconds / 1000).toFixed(1)} s` : 'over 10 s'}\n`);
    if (!report.complete) {
      overTime.push([recordsPerDevice, pendingPerDevice]);
      continue;
    }
    if (largest === undefined || report.distinctStates > largest.states) largest = { bounds, states: report.distinctStates, seconds: report.milliseconds / 1000 };
  }
  const detail =
    largest === undefined
      ? 'none within 10 s'
      : `${largest.bounds.recordsPerDevice} records and ${largest.bounds.pendingPerDevice} pending per device: ${largest.states.toLocaleString('en-US')} states in ${largest.seconds.toFixed(1)} s`;
  return { name: `10 s bound ${mode} ${devices}d`, value: largest?.states ?? 0, unit: 'states', detail };
}
