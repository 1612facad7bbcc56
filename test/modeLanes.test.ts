/**
 * Modes searched at the same time (src/conformance/modeLanes.ts): a host that
 * can copy itself (a Python file) gets one lane per mode, each on a copy of its
 * own. The report must be the one a search of one mode after another gives,
 * byte for byte; a copy that cannot be loaded costs time, never a verdict; and
 * no copy outlives the check.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NetworkMode } from '../model/index.ts';
import { checkConformance } from '../src/api/checkConformance.ts';
import { runningCount } from '../src/adapters/runningProcesses.ts';
import { RunTurns, withCopies, type CopiedImplementation } from '../src/adapters/solutionCopies.ts';
import { MAX_RECORDED_REPLY_BYTES, RunRecorder } from '../src/check/RunRecording.ts';
import { loadModule } from '../src/adapters/loadModule.ts';
import { hostHere, type ScenarioHost } from '../src/check/ScenarioHost.ts';
import { searchInLanes } from '../src/conformance/modeLanes.ts';
import { runConformance } from '../src/conformance/runConformance.ts';
import { createSyncService } from '../src/reference/SyncService.ts';
import { FIXTURES } from './support/fixtures.ts';

const MODES: readonly NetworkMode[] = ['seed', 'fifo', 'reorder'];

/** A stand-in host whose copies are numbered; `failingCopies` of them cannot be loaded. */
function numberedHost(failingCopies: readonly number[] = []): { host: ScenarioHost; copiesAsked: () => number } {
  let asked = 0;
  const make = (name: number): ScenarioHost & { name: number } => ({
    name,
    factory: createSyncService,
    run: () => Promise.resolve({ finding: undefined, roundsToConverge: undefined }),
  });
  const first = {
    ...make(0),
    copy: () => {
      asked++;
      return failingCopies.includes(asked) ? Promise.reject(new Error('cannot load')) : Promise.resolve(make(asked));
    },
  };
  return { host: first, copiesAsked: () => asked };
}

/** Each mode's search, as "mode@host", with how many searches ran at once at most. */
async function searchedWhere(host: ScenarioHost, lanes: number): Promise<{ where: string[]; mostAtOnce: number }> {
  let running = 0;
  let mostAtOnce = 0;
  const where = await searchInLanes(host, MODES, lanes, async (laneHost, mode) => {
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise((resolve) => setTimeout(resolve, 20));
    running--;
    return `${mode}@${(laneHost as ScenarioHost & { name: number }).name}`;
  });
  return { where, mostAtOnce };
}

describe('modes searched at the same time', () => {
  it('one lane per mode, each on a copy of its own; results in the modes order', async () => {
    const { host, copiesAsked } = numberedHost();
    const { where, mostAtOnce } = await searchedWhere(host, 3);
    expect(where).toEqual(['seed@0', 'fifo@1', 'reorder@2']);
    expect(mostAtOnce).toBe(3);
    expect(copiesAsked()).toBe(2);
  });

  it('fewer lanes than modes: mode i on lane i mod lanes, whatever the timing', async () => {
    const { where, mostAtOnce } = await searchedWhere(numberedHost().host, 2);
    expect(where).toEqual(['seed@0', 'fifo@1', 'reorder@0']);
    expect(mostAtOnce).toBe(2);
  });

  it('a copy that cannot be loaded hands its mode to the first lane', async () => {
    const { where } = await searchedWhere(numberedHost([1]).host, 3);
    expect(where).toEqual(['seed@0', 'fifo@0', 'reorder@2']);
  });

  it('a host without copies, or one lane: one mode after another, no copy asked for', async () => {
    const { host, copiesAsked } = numberedHost();
    const single = await searchedWhere(host, 1);
    expect(single).toEqual({ where: ['seed@0', 'fifo@0', 'reorder@0'], mostAtOnce: 1 });
    expect(copiesAsked()).toBe(0);
    const { copy: _copy, ...withoutCopies } = numberedHost().host;
    expect((await searchedWhere(withoutCopies, 3)).mostAtOnce).toBe(1);
  });

  it('a lane that throws: the others end first, then the error is the check', async () => {
    let stillRunning = 0;
    const searching = searchInLanes(numberedHost().host, MODES, 3, async (_host, mode) => {
      stillRunning++;
      await new Promise((resolve) => setTimeout(resolve, mode === 'fifo' ? 5 : 40));
      stillRunning--;
      if (mode === 'fifo') throw new Error('internal');
      return mode;
    });
    await expect(searching).rejects.toThrow('internal');
    expect(stillRunning).toBe(0);
  });

  it('runConformance: the same report with three lanes as with one, on a mutant that fails in every mode', async () => {
    const mutant = await loadModule(path.join(FIXTURES, 'mutants/offByOneSkip.ts'));
    const copying: ScenarioHost = { ...hostHere(mutant), copy: () => Promise.resolve(hostHere(mutant)) };
    const options = { seed: 5, runs: 15 };
    const together = await runConformance(copying, options);
    const apart = await runConformance(copying, { ...options, lanes: 1 });
    expect(together.verdict).toBe('fail');
    expect(together.modes.map((mode) => mode.verdicts.some((verdict) => verdict.status === 'fail'))).toEqual([true, true, true]);
    expect(JSON.stringify(together)).toBe(JSON.stringify(apart));
  });
});

describe('--fail-fast, modes at once', () => {
  it.each([
    // Fails in seed: fifo and reorder are stopped and not searched.
    { mutant: 'offByOneSkip.ts', failing: 'seed', notSearched: ['fifo', 'reorder'] },
    // Passes seed, fails in fifo: seed runs in full, reorder is stopped and not searched.
    { mutant: 'logsUnknownTypes.ts', failing: 'fifo', notSearched: ['reorder'] },
  ])('$mutant: the report of one mode after another, the modes after the first failure not searched', async ({ mutant, failing, notSearched }) => {
    const factory = await loadModule(path.join(FIXTURES, 'mutants', mutant));
    const copying: ScenarioHost = { ...hostHere(factory), copy: () => Promise.resolve(hostHere(factory)) };
    const options = { seed: 2, runs: 30, failFast: true };
    const together = await runConformance(copying, options);
    const apart = await runConformance(copying, { ...options, lanes: 1 });
    expect(together.stoppedAtFirstFailure).toBe(true);
    const failed = together.modes.filter((mode) => mode.verdicts.some((verdict) => verdict.status === 'fail')).map((mode) => mode.mode);
    expect(failed).toEqual([failing]);
    const unsearched = together.modes.filter((mode) => mode.verdicts.every((verdict) => verdict.status === 'n/a' && verdict.runs === 0)).map((mode) => mode.mode);
    expect(unsearched).toEqual(notSearched);
    expect(JSON.stringify(together)).toBe(JSON.stringify(apart));
  });
});

describe('a Python solution, three modes at once', () => {
  it('the same JSON report, byte for byte, as one mode after another; every copy stopped after', async () => {
    // A crash on an empty message: a finding (and an abandoned connection) in every mode.
    const file = path.join(FIXTURES, 'python', 'mutants', 'keyerror_on_empty.py');
    const options = { seed: 3, runs: 10 };
    const together = await checkConformance(file, options);
    expect(runningCount()).toBe(0);
    const apart = await checkConformance(file, { ...options, modesAtOnce: 1 });
    expect(together.verdict).toBe('fail');
    expect(together.properties.find((property) => property.id === 'S6')?.modes).toEqual({ seed: 'fail', fifo: 'fail', reorder: 'fail' });
    expect(JSON.stringify(together)).toBe(JSON.stringify(apart));
  });

  it('a solution that loads only once: its copies fail to load, and every mode is still judged on the first', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'sync-check-lanes-'));
    try {
      const marker = path.join(folder, 'loaded');
      const file = path.join(folder, 'loads_once.py');
      const reference = path.join(FIXTURES, 'python', 'correct', 'reference.py');
      writeFileSync(
        file,
        [
          'import os, runpy',
          `MARKER = ${JSON.stringify(marker)}`,
          'if os.path.exists(MARKER):',
          "    raise RuntimeError('loaded twice')",
          "_marker = open(MARKER, 'w').close()  # an assignment: the adapter runs it (a bare call it would drop)",
          `SyncService = runpy.run_path(${JSON.stringify(reference)})['SyncService']`,
          '',
        ].join('\n'),
      );
      const together = await checkConformance(file, { seed: 1, runs: 10 });
      expect(runningCount()).toBe(0);
      rmSync(marker);
      const apart = await checkConformance(file, { seed: 1, runs: 10, modesAtOnce: 1 });
      expect(together.verdict).toBe('pass');
      expect(JSON.stringify(together)).toBe(JSON.stringify(apart));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});


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
    const first: CopiedImplementation = { implementation: { ...numberedHost().host, abort: () => {}, close: () => Promise.resolve() }, largestAnswer: () => 0 };
    const neverLoads = (signal: AbortSignal): Promise<CopiedImplementation> => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('stopped'))));
    const loaded = withCopies(first, neverLoads);
    const copying = loaded.copy?.();
    loaded.abort();
    await expect(copying).rejects.toThrow('stopped');
    await loaded.close();
    await expect(loaded.copy?.()).rejects.toThrow('the check was stopped');
  });
});
