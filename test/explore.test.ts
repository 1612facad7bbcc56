import { describe, expect, it } from 'vitest';
import { explore, type Bounds, type ModelState } from '../model/index.ts';
import { modelGoals, modelInvariants, modelLiveness } from '../properties/index.ts';

/** Groundwork for exhaustive checking: the explorer on small bounds, pinned by exact numbers. */
describe('exhaustive exploration of the pure model', () => {
  it.each([
    { mode: 'seed', devices: 2, recordsPerDevice: 1, pendingPerDevice: 1, distinct: 270 },
    { mode: 'fifo', devices: 2, recordsPerDevice: 1, pendingPerDevice: 1, distinct: 270 },
    { mode: 'reorder', devices: 2, recordsPerDevice: 1, pendingPerDevice: 2 },
  ] as const)('$mode, $devices devices, $recordsPerDevice record(s) each, $pendingPerDevice pending: no violation, every goal reached', (bounds) => {
    const report = explore(bounds, modelInvariants(bounds.mode), modelLiveness, modelGoals(bounds.mode));
    expect(report.violation).toBeUndefined();
    expect(report.goals.filter((goal) => !goal.reached)).toEqual([]);
    if ('distinct' in bounds) expect(report.distinctStates).toBe(bounds.distinct);
  });

  it('symmetry reduction merges states that differ only by device names', () => {
    const bounds: Bounds = { mode: 'fifo', devices: 2, recordsPerDevice: 1, pendingPerDevice: 1 };
    const reduced = explore(bounds, {}, {}, []).distinctStates;
    const full = explore({ ...bounds, symmetry: false }, {}, {}, []).distinctStates;
    expect(reduced).toBeLessThan(full);
    expect(full).toBeLessThanOrEqual(2 * reduced);
  });

  it('finds the shortest path to a violation (breadth first)', () => {
    // "No device ever holds a record" is false; the shortest refutation is emit, probe, deliver.
    const holdsNothing = (_before: ModelState, _event: unknown, after: ModelState): string | undefined =>
      after.devices.some((device) => device.records.length > 0) ? 'a device holds a record' : undefined;
    const report = explore({ mode: 'reorder', devices: 2, recordsPerDevice: 2, pendingPerDevice: 2 }, { holdsNothing }, {}, []);
    expect(report.violation?.path.map((event) => event.kind)).toEqual(['emit', 'probe', 'deliver']);
  });
});
