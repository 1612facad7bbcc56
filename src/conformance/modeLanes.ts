/**
 * The modes of a check searched at the same time, each on a copy of the
 * implementation of its own, when the host can make copies (a Python file: each
 * copy is a fork server of its own). A run of a Python solution spends most of
 * its time waiting for the other side of a pipe, the checker's thread for the
 * solution and the solution for the checker's thread; three searches at once
 * keep both cores busy instead of one at a time.
 *
 * A mode's search depends only on its seed and its host, never on another
 * mode's (each lane has its own timeout pace), so the reports are the ones a
 * search of one mode after another gives; they come back in the modes' order.
 * A copy that cannot be loaded (the first one did, so the solution behaves
 * differently from one load to the next, or the machine is out of something)
 * is no lane: its modes are searched on the first host, as without copies.
 */
import type { NetworkMode } from '../../model/index.ts';
import type { ScenarioHost } from '../check/ScenarioHost.ts';

/** Searches at once at most: one per mode (the catalogue has three). */
export const MAX_LANES = 3;

/** How many lanes `searchInLanes` uses: one unless the host can make copies, never more than one per mode. */
export function laneCount(host: ScenarioHost, modes: readonly NetworkMode[], lanes: number): number {
  return host.copy === undefined || !Number.isInteger(lanes) ? 1 : Math.max(1, Math.min(lanes, modes.length));
}

/**
 * `search` for every mode, on `lanes` hosts at most (the first is `host`, the others its copies); results in the
 * modes' order. Mode i goes to lane i % lanes, so which modes share a lane (and its pace) never depends on timing;
 * a lane whose copy cannot be loaded hands its modes to the first lane, after that lane's own.
 */
export async function searchInLanes<Result>(
  host: ScenarioHost,
  modes: readonly NetworkMode[],
  lanes: number,
  search: (host: ScenarioHost, mode: NetworkMode, lane: number, index: number) => Promise<Result>,
): Promise<Result[]> {
  const count = laneCount(host, modes, lanes);
  const results: Result[] = [];
  const indexesOf = (lane: number): number[] => modes.map((_mode, index) => index).filter((index) => index % count === lane);
  const serve = async (laneHost: ScenarioHost, lane: number, indexes: readonly number[]): Promise<void> => {
    for (const index of indexes) results[index] = await search(laneHost, modes[index] as NetworkMode, lane, index);
  };
  const copies = Array.from({ length: count - 1 }, () => loadCopy(host));
  const served = [
    // The first lane's own modes, then those of every lane whose copy could not be loaded.
    (async () => {
      await serve(host, 0, indexesOf(0));
      for (const [offset, copy] of copies.entries()) if ((await copy) === undefined) await serve(host, 0, indexesOf(offset + 1));
    })(),
    ...copies.map(async (copy, offset) => {
      const copyHost = await copy;
      if (copyHost !== undefined) await serve(copyHost, offset + 1, indexesOf(offset + 1));
    }),
  ];
  // Every lane ends before the check goes on, a failing one included: none may still be running a server when the caller closes it.
  const ended = await Promise.allSettled(served);
  const failed = ended.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return results;
}

/** A copy of the host, or undefined when it cannot be made. */
async function loadCopy(host: ScenarioHost): Promise<ScenarioHost | undefined> {
  try {
    return await host.copy?.();
  } catch {
    return undefined;
  }
}
