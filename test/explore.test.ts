import { describe, expect, it } from 'vitest';
import { explore, NETWORK_MODES, type Bounds, type ModelState } from '../model/index.ts';
import { exploreModel, exploreText } from '../src/explore/exploreModel.ts';
import { modelGoals, modelInvariants, modelLiveness } from '../properties/index.ts';

/** Groundwork for exhaustive checking: the explorer on small bounds, pinned by exact numbers. */
/**
 * The documented bounds (README): the reference model has no violation in any
 * mode, and every "sometimes" goal is reached, so the bound means something.
 */
describe('the fast model checker at the documented bounds', () => {
  it.each(NETWORK_MODES)('%s, 2 devices, 2 records and 2 pending replies each: no violation, every goal reached', (mode) => {
    const report = exploreModel({ mode, devices: 2, recordsPerDevice: 2, pendingPerDevice: 2 });
    expect(report.complete).toBe(true);
    expect(report.violation).toBeUndefined();
    expect(report.goals.filter((goal) => !goal.reached)).toEqual([]);
    expect(report.distinctStates).toBe(mode === 'reorder' ? 2_202_156 : 291_338);
  });

  it('a bound too small to reorder anything says so: the reorder goal is unreached with one reply in flight', () => {
    const report = exploreModel({ mode: 'reorder', devices: 2, recordsPerDevice: 1, pendingPerDevice: 1 });
    expect(report.goals.find((goal) => goal.name === 'a reply arrived before an older one')?.reached).toBe(false);
    expect(exploreText(report).join('\n')).toContain('NOT REACHED');
  });
});

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
