/**
 * The copies of a Python solution that search its modes at the same time
 * (src/adapters/solutionCopies.ts, src/conformance/confirmAlone.ts): they take
 * turns once an answer is large, a recording keeps a bounded share of replies,
 * a failure they find must stand on one copy alone, and a copy still loading
 * is stopped with the check.
 */
import { describe, expect, it } from 'vitest';
import { RunTurns, withCopies, type CopiedImplementation } from '../src/adapters/solutionCopies.ts';
import { MAX_RECORDED_REPLY_BYTES, RunRecorder } from '../src/check/RunRecording.ts';
import type { ScenarioHost } from '../src/check/ScenarioHost.ts';
import { runConformance } from '../src/conformance/runConformance.ts';
import { createSyncService } from '../src/reference/SyncService.ts';

/** A host whose every run passes. */
const quietHost: ScenarioHost = { factory: createSyncService, run: () => Promise.resolve({ finding: undefined, roundsToConverge: undefined }) };

describe('runs take turns once an answer is large (src/adapters/solutionCopies.ts)', () => {
  /** Runs `count` works of 20 ms through `turns` at once; the most that ran together. */
  async function mostTogether(turns: RunTurns, count: number): Promise<number> {
    let running = 0;
    let most = 0;
    const work = async (): Promise<void> => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
    };
    await Promise.all(Array.from({ length: count }, () => turns.run(work)));
    return most;
  }

  it('at the same time while every answer is small, one at a time from the first large one on', async () => {
    let large = false;
    const turns = new RunTurns(() => large);
    expect(await mostTogether(turns, 3)).toBe(3);
    large = true;
    expect(await mostTogether(turns, 3)).toBe(1);
    // Once taking turns, always: an answer that was large may come again.
    large = false;
    expect(await mostTogether(turns, 3)).toBe(1);
  });

  it('the first run taking turns waits for the runs already going', async () => {
    let large = false;
    const turns = new RunTurns(() => large);
    const order: string[] = [];
    const going = turns.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push('going');
    });
    large = true;
    await turns.run(() => {
      order.push('turn');
      return Promise.resolve();
    });
    await going;
    expect(order).toEqual(['going', 'turn']);
  });

  it('a recording keeps at most MAX_RECORDED_REPLY_BYTES of replies that crossed a pipe, then says it stopped', () => {
    const recorder = new RunRecorder([]);
    const step = (bytes: number) => ({ event: { kind: 'probe', device: 0 } as const, index: 1, outcome: { kind: 'reply', value: 'x', bytes } as const });
    recorder.record(step(MAX_RECORDED_REPLY_BYTES - 10));
    recorder.record(step(10));
    expect(recorder.finish().truncated).toBeUndefined();
    recorder.record(step(1));
    const recording = recorder.finish();
    expect(recording.truncated).toBe('replies');
    expect(recording.steps).toHaveLength(2);
  });
});

describe('copies that disturb each other, and copies that never load', () => {
  it('a failure that does not stand on one copy alone: the modes are checked again one after another', async () => {
    // A stand-in for a solution keeping its state in a shared file: a run fails only while another copy runs too.
    let running = 0;
    const run: ScenarioHost['run'] = async (_scenario, settings) => {
      running++;
      const crowded = running > 1 && settings.properties.some((property) => property.id === 'S1');
      await new Promise((resolve) => setTimeout(resolve, 2));
      running--;
      const recording = { deviceIds: [], steps: [], end: [] };
      return crowded ? { finding: { property: 'S1', level: 'fail', message: 'disturbed', step: 1 }, roundsToConverge: undefined, recording } : { finding: undefined, roundsToConverge: 1 };
    };
    const base = { factory: createSyncService, run };
    const host: ScenarioHost = { ...base, copy: () => Promise.resolve(base) };
    const options = { seed: 4, runs: 20 };
    const together = await runConformance(host, options);
    const apart = await runConformance(host, { ...options, lanes: 1 });
    expect(apart.verdict).toBe('pass');
    expect(JSON.stringify(together)).toBe(JSON.stringify(apart));
  });

  it('aborting stops a copy still loading: its load fails at once, and closing does not wait for it', async () => {
    const first: CopiedImplementation = { implementation: { ...quietHost, abort: () => {}, close: () => Promise.resolve() }, largestAnswer: () => 0 };
    const neverLoads = (signal: AbortSignal): Promise<CopiedImplementation> => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('stopped'))));
    const loaded = withCopies(first, neverLoads);
    const copying = loaded.copy?.();
    loaded.abort();
    await expect(copying).rejects.toThrow('stopped');
    await loaded.close();
    await expect(loaded.copy?.()).rejects.toThrow('the check was stopped');
  });
});
