import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModule } from '../src/adapters/loadModule.ts';
import { createSyncService } from '../src/reference/SyncService.ts';
import { runFastHarness } from '../src/simulate/fastHarness.ts';
import { harnessPassed } from '../src/simulate/HarnessResult.ts';
import { runObjectHarness } from '../src/simulate/objectHarness.ts';
import { FIXTURES } from './support/fixtures.ts';

describe('the original harness: fast path against the straightforward one', () => {
  it.each([
    { devices: 1, rounds: 200, seed: 1 },
    { devices: 4, rounds: 300, seed: 2 },
    { devices: 10, rounds: 150, seed: 3 },
  ])('$devices devices x $rounds rounds, seed $seed: same records, same order, same counts', async (options) => {
    const fast = runFastHarness(options);
    const straightforward = await runObjectHarness(createSyncService(), options);
    expect(fast.result).toEqual(straightforward.result);
    expect(fast.result.records).toBeGreaterThan(0);
    fast.devices.forEach((ids, index) => {
      expect(Array.from(ids.view(), fast.recordOf)).toEqual(straightforward.devices[index]?.records);
    });
  });

  it('the same seed gives the same record order; another seed another', () => {
    const order = (seed: number): number[] => Array.from(runFastHarness({ devices: 5, rounds: 500, seed }).devices[0]?.view() ?? []);
    const senders = (seed: number): string[] => {
      const run = runFastHarness({ devices: 5, rounds: 500, seed });
      return Array.from(run.devices[0]?.view() ?? [], (id) => run.recordOf(id).dev_id);
    };
    expect(order(7)).toEqual(order(7));
    expect(senders(7)).toEqual(senders(7));
    expect(senders(8)).not.toEqual(senders(7));
  });

  it('passes every check, sampling safety along the way', () => {
    const { result } = runFastHarness({ devices: 10, rounds: 2000, seed: 1, checkEvery: 100 });
    expect(harnessPassed(result)).toBe(true);
  });
});

describe('weak spot 1 of the original harness', () => {
  it('a server that syncs nothing passes the original check but fails ours', async () => {
    const factory = await loadModule(path.join(FIXTURES, 'mutants/syncsNothing.ts'));
    const { result } = await runObjectHarness(await factory(), { devices: 10, rounds: 300, seed: 1 });
    expect(result.originalCheck).toBeUndefined();
    expect(result.endCheck).toMatch(/^dev_0 holds 0 of \d+ records$/);
  });

  it('a server that reorders by device fails the original check too', async () => {
    const factory = await loadModule(path.join(FIXTURES, 'mutants/perDeviceLists.ts'));
    const { result } = await runObjectHarness(await factory(), { devices: 3, rounds: 300, seed: 1, checkEvery: 50 });
    expect(harnessPassed(result)).toBe(false);
    expect(result.sampledSafety).toMatch(/^S[123]: /);
  });
});
