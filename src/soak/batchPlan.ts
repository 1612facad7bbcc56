/**
 * How a soak divides the seed space: batch g of the whole run gets a seed derived
 * from the run's seed, and shard i of n takes batches i, i+n, i+2n... so n
 * machines never repeat each other's runs, and any batch replays from its seed alone.
 */
import type { NetworkMode } from '../../model/index.ts';

export interface Shard {
  /** 0-based here; written 1-based (`--shard 1/4`) on the command line. */
  readonly index: number;
  readonly count: number;
}

export const WHOLE: Shard = { index: 0, count: 1 };

/** Parses `i/n` (1-based), or explains in one line why not. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) return `--shard must be i/n with 1 <= i <= n, got ${JSON.stringify(text)}`;
  return { index: index - 1, count };
}

/** The global number of this shard's `local`-th batch. */
export function globalBatch(shard: Shard, local: number): number {
  return local * shard.count + shard.index;
}

/** The seed of global batch `batch`: a 31-bit mix of the run's seed and the batch number. */
export function batchSeed(seed: number, batch: number): number {
  let mixed = Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(batch + 1, 0x165667b1);
  mixed = Math.imul(mixed ^ (mixed >>> 15), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return (mixed ^ (mixed >>> 16)) >>> 1;
}

/** Batches take the modes in turn. */
export function batchMode(modes: readonly NetworkMode[], batch: number): NetworkMode {
  return modes[batch % modes.length] ?? 'fifo';
}
