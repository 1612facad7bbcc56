import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../properties/index.ts';
import { loadModule } from '../src/adapters/loadModule.ts';
import { exhaustiveConformance } from '../src/exhaustive/exhaustiveConformance.ts';
import { NondeterminismError } from '../src/exhaustive/searchExhaustively.ts';
import type { JsonReport } from '../src/report/jsonReport.ts';
import { worstStatus } from '../src/report/reportText.ts';
import { correctAlternatives, FIXTURES } from './support/fixtures.ts';
import { freshOutDir, runCli } from './support/runCli.ts';

/**
 * `sync-check --exhaustive` on black boxes. That it finds every mutant with a
 * shortest trace is shown in test/mutants.test.ts, which compares fast-check's
 * shrunk traces with its minimum; here: no false alarms, the pruning, the
 * determinism guard, and the command line.
 */
const SMALL = { depth: 4, devices: 2 } as const;
const SEED_SMALL = { depth: 9, devices: 2 } as const;
const fixture = (...parts: string[]): string => path.join(FIXTURES, ...parts);

describe('exhaustive checking of black boxes', () => {
  it.each(correctAlternatives().map((alternative) => ({ ...alternative, name: path.basename(alternative.file) })))(
    '$name raises no false alarm within depth 4 (seed mode: 3 turns)',
    async ({ file, verdict, warns }) => {
      const factory = await loadModule(file);
      const free = await exhaustiveConformance(factory, { modes: ['fifo', 'reorder'], bounds: SMALL });
      const seed = await exhaustiveConformance(factory, { modes: ['seed'], bounds: SEED_SMALL });
      const reports = [free, seed];
      const failed = CATALOGUE.filter((property) => reports.some((report) => worstStatus(report, property.id) === 'fail'));
      expect(failed.map((property) => property.id)).toEqual([]);
      // A warning needs a longer run than this bound to show, or none; never a property it should not warn on.
      const warned = CATALOGUE.filter((property) => reports.some((report) => worstStatus(report, property.id) === 'warn')).map((property) => property.id);
      for (const id of warned) expect(warns).toContain(id);
      if (verdict === 'pass') expect(warned).toEqual([]);
      for (const mode of [...free.modes, ...seed.modes]) expect(mode.exhaustive?.depthCompleted).toBe(mode.exhaustive?.depth);
    },
  );

  it('the first failure is a shortest one: nothing one event shorter fails', async () => {
    const factory = await loadModule(fixture('mutants', 'sortedByTimestamp.ts'));
    const options = { modes: ['fifo'], only: ['S1'], stopAtFirstFailure: true } as const;
    const found = await exhaustiveConformance(factory, { ...options, bounds: { depth: 6 } });
    const length = found.modes[0]?.verdicts.find((verdict) => verdict.id === 'S1')?.counterexample?.scenario.events.length ?? 0;
    expect(length).toBe(3);
    const shorter = await exhaustiveConformance(factory, { ...options, bounds: { depth: length - 1 } });
    expect(shorter.verdict).toBe('pass');
    expect(shorter.modes[0]?.exhaustive?.depthCompleted).toBe(length - 1);
  });

  it('a server with snapshot() is keyed by it: the same verdict from fewer sequences', async () => {
    const bounds = { depth: 4, devices: 2 };
    const plain = await exhaustiveConformance(await loadModule(path.resolve('src/reference/SyncService.ts')), { modes: ['fifo'], bounds });
    const snapshots = await exhaustiveConformance(await loadModule(fixture('exhaustive', 'snapshotReference.ts')), { modes: ['fifo'], bounds });
    expect(plain.verdict).toBe('pass');
    expect(snapshots.verdict).toBe('pass');
    expect(snapshots.modes[0]?.exhaustive?.usedSnapshots).toBe(true);
    expect(plain.modes[0]?.exhaustive?.usedSnapshots).toBe(false);
    expect(snapshots.modes[0]?.exhaustive?.sequences).toBeLessThan(plain.modes[0]?.exhaustive?.sequences ?? 0);
    expect(snapshots.exhaustive?.pruning.some((rule) => rule.includes('snapshot()'))).toBe(true);
  });

  it('refuses a server that is not deterministic, rather than prune unsoundly', async () => {
    const factory = await loadModule(fixture('exhaustive', 'nondeterministic.ts'));
    // A probe from 1 is needed before the coin shows (3 events), and a replay past it (5).
    await expect(exhaustiveConformance(factory, { modes: ['fifo'], bounds: { depth: 5, junk: 0 } })).rejects.toThrow(NondeterminismError);
  });
});

describe('sync-check --exhaustive', () => {
  it('finds a mutant, prints a shortest trace, and the saved file replays it', async () => {
    const out = freshOutDir();
    const result = await runCli([fixture('mutants', 'perDeviceLists.ts'), '--exhaustive', '--mode', 'fifo', '--depth', '3', '--json', '--out', out]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const s1 = report.properties.find((property) => property.id === 'S1');
    expect(s1?.counterexample).toMatchObject({ events: 3, shortest: true });
    expect(report.exhaustive?.modes.fifo?.depth).toBe(3);
    const replay = await runCli(['--replay', s1?.counterexample?.replayFile ?? '']);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('the trace still fails');
  });

  it('reports bounds, coverage and pruning in text, and passes the reference', async () => {
    const result = await runCli(['--exhaustive', '--mode', 'fifo', '--depth', '3', '--out', freshOutDir()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('exhaustive: up to 2 devices');
    expect(result.stdout).toMatch(/fifo: every sequence of up to 3 events: [\d,]+ sequences run, [\d,]+ distinct states/);
    expect(result.stdout).toContain('equivalent picks');
    expect(result.stdout).toContain('verdict: PASS');
  });

  it.each([
    [['--depth', '3'], '--depth goes with --exhaustive'],
    [['--exhaustive', '--runs', '5'], '--runs is for random runs, not --exhaustive'],
    [['--exhaustive', '--depth', '99'], '--depth must be an integer from 0 to 30, got "99"'],
    [['--exhaustive', '--devices', '5'], '--devices must be an integer from 1 to 4, got "5"'],
  ])('%j is a one-line usage error', async (argv, message) => {
    const result = await runCli([...argv, '--out', freshOutDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`sync-check: ${message}`);
  });

  it('a nondeterministic server is a one-line error, exit 2', async () => {
    const result = await runCli([fixture('exhaustive', 'nondeterministic.ts'), '--exhaustive', '--mode', 'fifo', '--depth', '5', '--junk', '0', '--out', freshOutDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sync-check: the server is not deterministic/);
  });
});
