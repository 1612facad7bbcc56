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
