/** The model checker as the command line and the benchmark use it: one mode, the catalogue's checks of it. */
import type { ModelCheckerBounds } from './modelCheckerBounds.ts';
import { packedChecks } from './packedChecks.ts';
import { searchPacked, type ModelCheckReport } from './packedSearch.ts';

export interface ModelCheckOptions {
  readonly symmetry?: boolean;
  readonly maxStates?: number;
  readonly maxMilliseconds?: number;
}

/** Searches `bounds` with every model-level property and goal of its mode. */
export function checkModel(bounds: ModelCheckerBounds, options: ModelCheckOptions = {}): ModelCheckReport {
  return searchPacked(bounds, packedChecks(bounds.mode), options);
}

export function statesPerSecond(report: ModelCheckReport): number {
  return Math.round(report.distinctStates / (report.milliseconds / 1000));
}
