/**
 * The model checker's bounds: the protocol's bounds type (model/bounds.ts) cut
 * to what a search over every reachable state uses, plus the network mode it
 * runs in. The depth is optional: without it the search runs until no new state
 * appears, which the other bounds guarantee (`sync-check explore` always does;
 * tests cut wide bounds short by depth to stay fast). It sends no junk, and gives
 * each record one content (boundedContent).
 */
import type { Bounds, NetworkMode, RecordContent } from '../../model/index.ts';

export type ModelCheckerBounds = Pick<Bounds, 'devices' | 'recordsPerDevice' | 'pendingPerDevice'> &
  Partial<Pick<Bounds, 'depth'>> & { readonly mode: NetworkMode };

/**
 * The content of device d's k-th record: one fixed content per (device, sequence),
 * so the state space is finite and the packed states can number records.
 */
export function boundedContent(device: number, sequence: number): RecordContent {
  return { timestamp: `t${sequence}`, data: { a: `d${device}`, b: `r${sequence}`, c: '' } };
}
