/**
 * How many states a search may store on this machine. The store and the path
 * arrays are typed arrays, outside the JS heap (the V8 heap limit does not
 * apply to them), so the limit is the machine's memory: a search whose
 * estimated peak (searchFootprint plus the process itself) is above
 * MEMORY_SHARE of it is refused before it starts, and any one array must stay
 * under the engine's longest typed array.
 */
import { constants } from 'node:buffer';
import os from 'node:os';
import type { ModelCheckerBounds } from './modelCheckerBounds.ts';
import { layoutFor } from './packed/packedLayout.ts';
import { searchFootprint } from './packedSearch.ts';

/** Node, tsx and the model checker's code before the first state: about 85 MiB measured, rounded up. */
export const PROCESS_BYTES = 100 * 2 ** 20;
/** The share of the machine's memory a search may plan to use; the rest is the system's and other programs'. */
export const MEMORY_SHARE = 0.8;
/** The --max-states default; lowered to what fits when the bounds' states are wide. */
export const DEFAULT_MAX_STATES = 50_000_000;
/** The most --max-states accepts at all. */
export const MAX_STATES_CEILING = 500_000_000;

export interface Machine {
  readonly totalBytes: number;
  /** The most elements a typed array may have. */
  readonly longestArray: number;
}

export function thisMachine(): Machine {
  return { totalBytes: os.totalmem(), longestArray: constants.MAX_LENGTH };
}

export interface StatesMemory {
  /** Estimated peak resident bytes of a search that stores `states` states. */
  readonly bytes: number;
  readonly bytesPerState: number;
  /** Bytes the search may use on this machine. */
  readonly budget: number;
  /** The most states a search at these bounds may store here. */
  readonly largestAllowed: number;
  /** True when some array of a search storing `states` states would be longer than a typed array may be. */
  readonly arrayTooLong: boolean;
}

function fits(width: number, states: number, machine: Machine): boolean {
  const footprint = searchFootprint(width, states);
  return footprint.longestArray <= machine.longestArray && PROCESS_BYTES + footprint.bytes <= machine.totalBytes * MEMORY_SHARE;
}

/** The memory a search at `bounds` storing up to `states` states needs, and the most states this machine allows. */
export function statesMemory(bounds: Omit<ModelCheckerBounds, 'mode'>, states: number, machine: Machine = thisMachine()): StatesMemory {
  const { width } = layoutFor({ ...bounds, mode: 'seed' });
  const footprint = searchFootprint(width, states);
  const bytes = PROCESS_BYTES + footprint.bytes;
  // The footprint grows with the states, so the largest that fits is a binary search away.
  let low = 0;
  let high = MAX_STATES_CEILING;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(width, middle, machine)) low = middle;
    else high = middle - 1;
  }
  return { bytes, bytesPerState: footprint.bytes / states, budget: machine.totalBytes * MEMORY_SHARE, largestAllowed: low, arrayTooLong: footprint.longestArray > machine.longestArray };
}

export function gibibytes(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}
