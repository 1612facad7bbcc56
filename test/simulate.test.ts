import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialState, step, type ModelState } from '../model/index.ts';
import { loadModule } from '../src/adapters/loadModule.ts';
import { createSyncService } from '../src/reference/SyncService.ts';
import { runFastHarness } from '../src/simulate/fastHarness.ts';
import { harnessRandom, payloadOf, probabilitiesOf, timestampOf } from '../src/harness/harnessOptions.ts';
import { harnessPassed } from '../src/harness/HarnessResult.ts';
import { runObjectHarness } from '../src/harness/objectHarness.ts';
import { FIXTURES } from './support/fixtures.ts';

interface Size {
  readonly devices: number;
  readonly seed: number;
}

/**
 * The original harness written as model events, on model/step: the same random
 * stream and the same decisions as the fast harness. Yields the model state
 * after every round, then after every drain round.
 */
function* modelHarness({ devices, seed }: Size, rounds: number): Generator<ModelState> {
  const random = harnessRandom(seed);
  const odds = probabilitiesOf({});
  let state = initialState('seed', devices);
  // probe() or, when the device forgets, {}; then onMessage loses the reply or applies it.
  const probeTurn = (device: number): void => {
    state = step(state, random() >= odds.forgetProbe ? { kind: 'probe', device } : { kind: 'empty', device });
    state = step(state, random() >= odds.loseReply ? { kind: 'deliver', pick: 0 } : { kind: 'drop', pick: 0 });
  };
  for (let round = 0; round < rounds; round++) {
    for (let device = 0; device < devices; device++) {
      // obtainData(): a record, or {} whose no-op reply the harness does not read.
      if (random() >= odds.noData) {
        const content = { timestamp: timestampOf(round, device), data: payloadOf(seed, device, state.devices[device]?.sent.length ?? 0) };
        state = step(state, { kind: 'emit', device, content });
      } else {
        state = step(step(state, { kind: 'empty', device }), { kind: 'drop', pick: 0 });
      }
      probeTurn(device);
    }
    yield state;
  }
  while (!state.devices.every((device) => device.records.length === state.devices[0]?.records.length)) {
    for (let device = 0; device < devices; device++) probeTurn(device);
    yield state;
  }
}

/** The fast harness's state as model records: the log (ids 0..n-1) and each device's list. */
function fastState(size: Size, rounds: number, drainRounds: number): { log: unknown[]; devices: unknown[][]; drained: number } {
  const run = runFastHarness({ ...size, rounds, maxDrainRounds: drainRounds });
  return {
    log: Array.from({ length: run.result.records }, (_unused, id) => run.recordOf(id)),
    devices: run.devices.map((ids) => Array.from(ids.view(), run.recordOf)),
    drained: run.result.drainRounds,
  };
}

describe('the fast harness is held to the model, state for state', () => {
  // With one device a round is one turn: the state is compared after every transition of the harness.
  it.each([
    { devices: 1, seed: 1, rounds: 40 },
    { devices: 3, seed: 2, rounds: 25 },
    { devices: 4, seed: 5, rounds: 15 },
  ])('$devices device(s), seed $seed: after each of $rounds rounds and each drain round, the same log and device lists as model/step', (size) => {
    let position = 0;
    for (const model of modelHarness(size, size.rounds)) {
      position++;
      const rounds = Math.min(position, size.rounds);
      const drainRounds = position - rounds;
      const fast = fastState(size, rounds, drainRounds);
      expect(fast.drained, `round ${position}`).toBe(drainRounds);
      expect(fast.log, `round ${position}`).toEqual(model.log);
      expect(fast.devices, `round ${position}`).toEqual(model.devices.map((device) => device.records));
    }
    // A lone device never needs a drain; several do, and the drain rounds were compared too.
    if (size.devices > 1) expect(position).toBeGreaterThan(size.rounds);
  });
});

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
