import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deep } from './support/deep.ts';
import { CATALOGUE } from '../properties/index.ts';
import { loadModule } from '../src/adapters/loadModule.ts';
import type { ServiceLike } from '../src/check/service.ts';
import { createSyncService } from '../src/reference/SyncService.ts';
import { exhaustiveConformance } from '../src/conformance/exhaustiveConformance.ts';
import type { JsonReport } from '../src/report/jsonReport.ts';
import { worstStatus } from '../src/report/reportText.ts';
import { nextBound, nextBoundText } from '../src/report/boundsShown.ts';
import { correctAlternatives, FIXTURES } from './support/fixtures.ts';
import { freshOutDir, runCli } from './support/runCli.ts';

/**
 * `sync-check --exhaustive` on black boxes. That it finds every mutant with a
 * shortest trace is shown in test/mutants.test.ts, which compares fast-check's
 * shrunk traces with its minimum; here: no false alarms, the pruning, the
 * determinism guard, and the command line.
 */
/** The no-false-alarm bounds: depth 3 (seed mode: 2 turns) in `npm test`, 4 (3 turns) under `npm run test:deep`. */
const SMALL = { depth: deep ? 4 : 3, devices: 2 } as const;
const SEED_SMALL = { depth: deep ? 9 : 6, devices: 2 } as const;
const fixture = (...parts: string[]): string => path.join(FIXTURES, ...parts);

describe('exhaustive checking of black boxes', () => {
  // About 10 s each at depth 4: `npm test` checks one alternative at depth 3, `npm run test:deep` all of them at 4.
  const alternatives = correctAlternatives().filter((alternative) => deep || path.basename(alternative.file) === 'resendsWholeLog.ts');
  it.each(alternatives.map((alternative) => ({ ...alternative, name: path.basename(alternative.file) })))(
    `$name raises no false alarm within depth ${SMALL.depth} (seed mode: ${SEED_SMALL.depth / 3} turns)`,
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
    const bounds = { depth: 3, devices: 2 };
    const plain = await exhaustiveConformance(await loadModule(path.resolve('src/reference/SyncService.ts')), { modes: ['fifo'], bounds });
    const snapshots = await exhaustiveConformance(await loadModule(fixture('exhaustive', 'snapshotReference.ts')), { modes: ['fifo'], bounds });
    expect(plain.verdict).toBe('pass');
    expect(snapshots.verdict).toBe('pass');
    expect(snapshots.modes[0]?.exhaustive?.usedSnapshots).toBe(true);
    expect(plain.modes[0]?.exhaustive?.usedSnapshots).toBe(false);
    expect(snapshots.modes[0]?.exhaustive?.sequences).toBeLessThan(plain.modes[0]?.exhaustive?.sequences ?? 0);
    expect(snapshots.search.kind === 'exhaustive' && snapshots.search.pruning.some((rule) => rule.includes('snapshot()'))).toBe(true);
  });

  it('a snapshot() that throws is no snapshot: the search keys by the trace and gives its verdict', async () => {
    const throwing = (): ServiceLike => Object.assign(createSyncService(), { snapshot: (): never => { throw new Error('no snapshot today'); } });
    const report = await exhaustiveConformance(throwing, { modes: ['fifo'], bounds: { depth: 3, devices: 2 } });
    expect(report.verdict).toBe('pass');
    expect(report.modes[0]?.exhaustive?.usedSnapshots).toBe(false);
  });
});

describe('sync-check --exhaustive', () => {
  it('finds a mutant, prints a shortest trace, and the saved file replays it', async () => {
    const out = freshOutDir();
    // --no-random: the finding is the exhaustive search's own (other tests hold the random search after it); no junk
    // messages, which S1 does not need (half the sequences).
    const result = await runCli([fixture('mutants', 'perDeviceLists.ts'), '--exhaustive', '--mode', 'fifo', '--depth', '3', '--junk', '0', '--no-random', '--json', '--out', out]);
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
    const result = await runCli(['--exhaustive', '--mode', 'fifo', '--depth', '2', '--runs', '20', '--out', freshOutDir()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('exhaustive: up to 2 devices');
    expect(result.stdout).toMatch(/fifo: every sequence of up to 2 events: [\d,]+ sequences run, [\d,]+ distinct states/);
    expect(result.stdout).toContain('equivalent picks');
    expect(result.stdout).toContain('verdict: PASS');
  });

  it.each([
    [['--depth', '3'], '--depth goes with --exhaustive'],
    [['--exhaustive', '--no-random', '--runs', '5'], '--runs is for random runs, not --exhaustive --no-random'],
    [['--exhaustive', '--depth', '99'], '--depth must be an integer from 0 to 30, got "99"'],
    [['--exhaustive', '--devices', '5'], '--devices must be an integer from 1 to 4, got "5"'],
  ])('%j is a one-line usage error', async (argv, message) => {
    const result = await runCli([...argv, '--out', freshOutDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`sync-check: ${message}`);
  });

  it('refuses a server that is not deterministic, rather than prune unsoundly: a one-line error, exit 2', async () => {
    // A probe from 1 is needed before the coin shows (3 events), and a replay past it (5); one device has enough
    // such replays (refused in 30 of 30 runs) at a quarter of two devices' time.
    const result = await runCli([fixture('exhaustive', 'nondeterministic.ts'), '--exhaustive', '--mode', 'fifo', '--depth', '5', '--junk', '0', '--devices', '1', '--out', freshOutDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sync-check: the server is not deterministic/);
  });
});

describe('sync-check --exhaustive says what it showed, and looks beyond its bounds', () => {
  /**
   * Both mutants pass every sequence within the default bounds (their bugs need 41
   * records, or a fourth device), so an exhaustive search alone shows nothing about
   * them. Small bounds (fifo, depth 2) keep this test fast; the default bounds
   * behave the same, only slower (about 85 s of exhaustive search first).
   */
  // capsLogAt40 shrinks for 20 s: `npm run test:deep`.
  it.each([
    ...(deep ? [{ name: 'capsLogAt40.ts', beyond: /41 records from one device \(bound 2\)|\d+ records from one device \(bound 2\)/ }] : []),
    { name: 'atMostThreeDevices.ts', beyond: /[4-9] devices \(bound 2\)|10 devices \(bound 2\)/ },
  ])('$name: --exhaustive runs the random search after it, which finds L1 beyond the bounds: FAIL, not PASS', async ({ name, beyond }) => {
    const result = await runCli([fixture('mutants', name), '--exhaustive', '--mode', 'fifo', '--depth', '2', '--seed', '1', ...(deep ? [] : ['--runs', '50']), '--out', freshOutDir()]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('verdict: PASS');
    expect(result.stdout).toContain('verdict: FAIL');
    expect(result.stdout).toMatch(/^ {2}fifo: no violation in any sequence up to these bounds \(depth 2 events, up to 2 devices, 2 records per device from 2 contents, 2 pending replies per device, 1 junk message\)$/m);
    expect(result.stdout).toMatch(/^ {4}next: --depth 3 \(≈ \d+(\.\d)?x the sequences, (about \d+(\.\d)? (s|min|h)|under a second)\)$/m);
    expect(result.stdout).toContain('random search (seed 1), beyond the exhaustive bounds:');
    const l1 = result.stdout.split('\n').find((line) => line.startsWith('  L1 fails in fifo; its shortest trace has ')) ?? '';
    expect(l1).toMatch(beyond);
    expect(result.stdout).toMatch(/^L1 convergence FAILED at the end: /m);
  });

  it('--no-random says plainly that nothing beyond the bounds was tried, and the JSON agrees', async () => {
    const argv = [fixture('mutants', 'atMostThreeDevices.ts'), '--exhaustive', '--mode', 'fifo', '--depth', '2', '--no-random', '--out', freshOutDir()];
    const text = await runCli(argv);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toContain('verdict: PASS');
    expect(text.stdout).toContain('random search: not run (--no-random): nothing beyond the bounds above was tried');
    expect(text.stdout).toContain('verdict: NO VIOLATION WITHIN THE BOUNDS (not a PASS: nothing beyond the bounds above was tried)');
    const json = await runCli([...argv, '--json']);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.verdict).toBe('bounded');
    expect(report.exhaustive?.random).toEqual({ notRun: '--no-random' });
    const fifo = report.exhaustive?.modes.fifo;
    expect(fifo?.shown).toBe('no violation in any sequence up to these bounds (depth 2 events, up to 2 devices, 2 records per device from 2 contents, 2 pending replies per device, 1 junk message)');
    expect(fifo?.next?.depth).toBe(3);
    expect(fifo?.sequencesPerDepth.reduce((sum, count) => sum + count, 0)).toBe(fifo?.sequences);
  });

  it('the JSON of --exhaustive with the random search names where its finding lies beyond the bounds', async () => {
    const result = await runCli([fixture('mutants', 'atMostThreeDevices.ts'), '--exhaustive', '--mode', 'fifo', '--depth', '2', '--seed', '1', '--runs', '50', '--json', '--out', freshOutDir()]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.verdict).toBe('fail');
    expect(report.exhaustive?.random).toMatchObject({ seed: 1, runsPerMode: 50 });
    const l1 = report.properties.find((property) => property.id === 'L1');
    expect(l1?.modes.fifo).toBe('fail');
    expect(l1?.random?.modes.fifo).toBe('fail');
    expect(l1?.counterexample).toMatchObject({ shortest: false, devices: 4, events: 4, beyondBounds: ['4 devices (bound 2)', '4 events (depth 2)'] });
  });

  it('the next bound is counted from the sequences this search left out past its depth, and timed at this run\'s speed', () => {
    // Measured: fifo, 2 devices, depth 3 left out 16,060 sequences of 4 events, and a depth-4 search ran exactly 18,054 = 1,994 + 16,060.
    const summary = { sequences: 1994, distinctStates: 0, revisited: 0, abandoned: 0, depthCompleted: 3, usedSnapshots: false, sequencesPerDepth: [2, 20, 188, 1784], sequencesBeyondDepth: [16060], depth: 3, milliseconds: 2000 };
    const next = nextBound('fifo', summary);
    expect(next?.depth).toBe(4);
    expect(next?.factor).toBeCloseTo(18054 / 1994);
    expect(next?.growth).toBeCloseTo(16060 / 1784);
    expect(nextBoundText('fifo', next ?? { depth: 0, factor: 0, seconds: 0, growth: 0 }, 1)).toBe('next: --depth 4 (≈ 9.1x the sequences, about 18 s)');
    // Seed mode: the shortest harness turn (3 events) on; measured at depth 12, a depth-15 search ran exactly 2,677 + 3,168 + 2,016 + 496 = 8,357.
    const seed = nextBound('seed', { ...summary, sequences: 2677, depth: 12, depthCompleted: 12, sequencesPerDepth: [1, 0, 0, 8, 4, 0, 48, 40, 8, 288, 384, 152, 1744], sequencesBeyondDepth: [3168, 2016, 496, 5216] });
    expect(seed?.depth).toBe(15);
    expect((seed?.factor ?? 0) * 2677).toBeCloseTo(8357);
    // Within bounds that allow no longer sequence (only emissions, one record each), deeper adds nothing, and says so.
    const finite = nextBound('fifo', { ...summary, sequencesBeyondDepth: [] });
    expect(nextBoundText('fifo', finite ?? { depth: 0, factor: 0, seconds: 0, growth: 0 }, 1)).toBe('no sequence longer than 3 events exists within the other bounds: a deeper search adds nothing');
  });

  it.each([
    [['--no-random'], '--no-random goes with --exhaustive (without it, sync-check runs only the random search)'],
    [['--exhaustive', '--no-random', '--seed', '1'], '--seed is for random runs, not --exhaustive --no-random'],
  ])('%j is a one-line usage error', async (argv, message) => {
    const result = await runCli([...argv, '--out', freshOutDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`sync-check: ${message}`);
  });
});
