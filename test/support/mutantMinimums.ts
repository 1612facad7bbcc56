/**
 * Narrowed exhaustive bounds for the mutants whose shortest failure lies beyond
 * the default bounds, shared by test/mutants.test.ts and the shrink-quality bench.
 */
import type { NetworkMode } from '../../model/index.ts';
import type { ExhaustiveBounds } from '../../src/exhaustive/exhaustiveBounds.ts';

/**
 * Mutants whose shortest failure lies beyond SHORTEST_DEPTH and the default
 * bounds (their point: `--exhaustive` with default bounds finds nothing in them,
 * only the random search does). A full search up to 41 events is out of reach,
 * so their minimum comes from a search narrowed to what the bug needs, with
 * every other choice left out: emissions only (no probes or replies in flight,
 * no junk, one content). That search is exhaustive within its own bounds, and
 * its result is the true minimum, since no failure can be shorter: capsLogAt40
 * loses nothing until a 41st record is sent (41 emissions), atMostThreeDevices
 * nothing until a fourth device sends one (4 emissions; in seed mode 4 turns of
 * at least 3 events each).
 */
const EMISSIONS_ONLY = { contents: 1, pendingPerDevice: 0, junk: 0 } as const;
export const BEYOND_DEFAULT_BOUNDS: Readonly<Record<string, (mode: NetworkMode) => Partial<ExhaustiveBounds>>> = {
  'capsLogAt40.ts': () => ({ ...EMISSIONS_ONLY, devices: 1, recordsPerDevice: 41, depth: 41 }),
  'atMostThreeDevices.ts': (mode) => ({ ...EMISSIONS_ONLY, devices: 4, recordsPerDevice: 1, depth: mode === 'seed' ? 12 : 4 }),
};
