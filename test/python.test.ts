import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkMode } from '../model/index.ts';
import { propertyById, type PropertyId } from '../properties/index.ts';
import { loadImplementation, PYTHON_ADAPTER, pythonExecutable } from '../src/adapters/loadImplementation.ts';
import { findCounterexample } from '../src/check/findCounterexample.ts';
import { modeSeed } from '../src/check/findCounterexample.ts';
import { runConformance } from '../src/conformance/runConformance.ts';
import { counterexampleText } from '../src/report/counterexampleText.ts';
import { formatTrace } from '../src/report/formatTrace.ts';
import { worstStatus } from '../src/report/reportText.ts';
import type { JsonReport } from '../src/report/jsonReport.ts';
import { correctAlternatives, FIXTURES, mutants } from './support/fixtures.ts';
import { freshOutDir, runCli } from './support/runCli.ts';
import { deep, fastOrDeep } from './support/deep.ts';
import { showExpected, testSeed } from './support/testSeed.ts';

/** Python answers over a pipe in well under a millisecond: a hang is declared after this long. */
const TIMEOUT_MS = 1000;
/** Each shrink step of a hanging fixture waits out one timeout: keep that one short. */
const HANGING_TIMEOUT_MS = 50;
/** Seed-mode traces are whole harness turns of 3 or 4 events, with two devices at least: 4 turns. */
const MAX_SHRUNK_EVENTS: Readonly<Record<NetworkMode, number>> = { seed: 12, fifo: 8, reorder: 8 };

const fixture = (name: string): string => path.join(FIXTURES, name);

/**
 * `npm test` checks each Python mutant in one of its modes, taking the modes in
 * turn along the catalogue so that every mode is used; `npm run test:deep`
 * checks every mode of every mutant.
 */
const mutantCases = mutants('python/mutants', '.py').flatMap((mutant, index) =>
  mutant.modes
    .filter((mode, modeIndex) => deep || modeIndex === index % mutant.modes.length)
    .map((mode) => ({ ...mutant, mode, name: path.basename(mutant.file) })),
);
/** Runs per mode for the Python correct alternatives: 10 in `npm test` (each warning shows in the first runs), 100 under `npm run test:deep`. */
const CORRECT_RUNS = fastOrDeep(10, 100);

describe(`Python solutions through the stdio adapter (seed ${testSeed})`, () => {
  it.each(mutantCases)('$name is caught by $caughtBy in $mode mode', async ({ file, name, caughtBy, mode }) => {
    const { factory, close } = await loadImplementation(file);
    try {
      const timeoutMs = name.startsWith('hangs') ? HANGING_TIMEOUT_MS : TIMEOUT_MS;
      const search = { runs: 300, seed: modeSeed(testSeed, mode), strict: false, timeoutMs };
      const { counterexample } = await findCounterexample(factory, mode, [propertyById(caughtBy)], search);
      expect(counterexample?.finding.property).toBe(caughtBy);
      if (counterexample === undefined) return;
      const text = counterexampleText(counterexample, formatTrace(counterexample), `npx sync-check ${file}`);
      showExpected(text);
      expect(text).toContain(`replay: npx sync-check ${file}`);
      expect(counterexample.scenario.events.length).toBeLessThanOrEqual(MAX_SHRUNK_EVENTS[mode]);
    } finally {
      await close();
    }
  });

  it.each(correctAlternatives('python/correct', '.py').map((item) => ({ ...item, name: path.basename(item.file) })))(
    '$name: expect $verdict',
    async ({ file, verdict, warns }) => {
      const { factory, close } = await loadImplementation(file);
      try {
        const report = await runConformance(factory, { seed: testSeed, runs: CORRECT_RUNS, timeoutMs: TIMEOUT_MS, ...(deep ? {} : { shrinkLimitMs: 100 }) });
        expect(report.verdict).toBe(verdict);
        for (const id of warns) expect(worstStatus(report, id)).toBe('warn');
      } finally {
        await close();
      }
    },
  );
});

describe('faults of a Python implementation', () => {
  const savedPython = process.env.SYNC_PYTHON;
  afterEach(() => {
    if (savedPython === undefined) delete process.env.SYNC_PYTHON;
    else process.env.SYNC_PYTHON = savedPython;
  });

  it.each([
    { file: 'broken/syntax_error.py', message: "cannot load", detail: 'SyntaxError: expected' },
    { file: 'broken/no_service.py', message: 'cannot load', detail: 'defines no class SyncService' },
    { file: 'broken/missing.py', message: 'no such file', detail: 'missing.py' },
  ])('$file exits 2 with one line', async ({ file, message, detail }) => {
    const result = await runCli([fixture(file), '--out', freshOutDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(message);
    expect(result.stderr.split('\n')[0]).toContain(detail);
  });

  it('python3 missing: exit 2 saying so', async () => {
    process.env.SYNC_PYTHON = '/nonexistent/python3';
    const result = await runCli([fixture('python/correct/reference.py'), '--out', freshOutDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/nonexistent/python3 was not found on this machine: install Python 3 to check .py files');
  });

  it('a constructor that raises is an S6 finding with the Python exception', async () => {
    const result = await runCli([fixture('broken/constructor_raises.py'), '--mode', 'fifo', '--runs', '5', '--json', '--out', freshOutDir()]);
    expect(result.code).toBe(1);
    const s6 = (JSON.parse(result.stdout) as JsonReport).properties.find((property) => property.id === 'S6');
    expect(s6?.counterexample?.message).toBe('creating the server threw: RuntimeError: no database');
  });

  it('replay files work for Python exactly as for TypeScript', async () => {
    const out = freshOutDir();
    const mutant = fixture('python/mutants/wipes_on_empty.py');
    expect((await runCli([mutant, '--seed', '3', '--mode', 'fifo', '--runs', '30', '--out', out])).code).toBe(1);
    const saved = readdirSync(out).filter((name) => name.endsWith('.json'));
    expect(saved.length).toBeGreaterThan(0);
    for (const name of saved) {
      // A warning replays as exit 0, as a check's warning does.
      const replay = JSON.parse(readFileSync(path.join(out, name), 'utf8')) as { property: PropertyId; strict: boolean };
      expect((await runCli(['--replay', path.join(out, name)])).code).toBe(replay.strict || propertyById(replay.property).level === 'fail' ? 1 : 0);
      const fixed = await runCli(['--replay', path.join(out, name), fixture('python/correct/reference.py')]);
      expect(fixed.stdout).toContain('the trace now passes');
    }
  });

  it('--command runs any program that speaks the wire protocol', async () => {
    const command = `${await pythonExecutable()} ${PYTHON_ADAPTER} ${fixture('python/correct/reference.py')}`;
    const result = await runCli(['--command', command, '--seed', '1', '--runs', '10', '--out', freshOutDir()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`sync-check --command "${command}"`);
  });
});

describe('module-level code of a Python solution', () => {
  const idioms = fixture('python/correct/module_level_idioms.py');
  const savedMarkers = process.env.SYNC_CHECK_IDIOM_MARKERS;
  afterEach(() => {
    if (savedMarkers === undefined) delete process.env.SYNC_CHECK_IDIOM_MARKERS;
    else process.env.SYNC_CHECK_IDIOM_MARKERS = savedMarkers;
  });

  it('a logger, a compiled regex, a dataclass instance, a computed constant, try/except ImportError and a top-level if all run: it passes', async () => {
    const result = await runCli([idioms, '--seed', '1', '--runs', '20', '--out', freshOutDir()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it("the exercise's driving code does not run: no bare call, no top-level loop, no __main__ block (its else branch does)", async () => {
    // The fixture leaves a file named after each path it takes in this directory (the adapter inherits the variable).
    const markers = mkdtempSync(path.join(tmpdir(), 'sync-check-idioms-'));
    process.env.SYNC_CHECK_IDIOM_MARKERS = markers;
    const { factory, close } = await loadImplementation(idioms);
    try {
      const report = await runConformance(factory, { seed: testSeed, runs: 10, timeoutMs: TIMEOUT_MS });
      expect(report.verdict).toBe('pass');
    } finally {
      await close();
    }
    // Not there: testSyncing, for-loop, while-loop, main-guard, reversed-main-guard.
    expect(readdirSync(markers).sort()).toEqual(['except-import-error', 'main-guard-else', 'top-level-if', 'try-block-kept']);
  });
});
