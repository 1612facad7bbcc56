/**
 * describeConformance and toConform, seen from outside: a small spec file is
 * generated in a temporary folder and run by a nested vitest (its JSON report
 * read back), so what is checked is what a user's own vitest run shows.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './support/fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const VITEST = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
const run = promisify(execFile);

interface AssertionResult {
  readonly ancestorTitles: readonly string[];
  readonly title: string;
  readonly status: string;
  readonly failureMessages: readonly string[];
}

/** The spec a user would write: a failing suite, a suite whose first test times out, and the matcher. */
function spec(folder: string): string {
  const loads = path.join(folder, 'loads.txt');
  // The implementation notes every load: the suite must load it (so run the check) once.
  writeFileSync(
    path.join(folder, 'countedSyncsNothing.ts'),
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(loads)}, 'loaded\\n');\nexport { SyncService } from ${JSON.stringify(path.join(FIXTURES, 'mutants/syncsNothing.ts'))};\n`,
  );
  return `
import { conformanceMatchers, describeConformance } from ${JSON.stringify(path.join(ROOT, 'src/vitest.ts'))};
import { ReferenceSyncService } from ${JSON.stringify(path.join(ROOT, 'src/index.ts'))};
import { runningCount } from ${JSON.stringify(path.join(ROOT, 'src/adapters/runningProcesses.ts'))};
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

describeConformance('syncs nothing', ${JSON.stringify(path.join(folder, 'countedSyncsNothing.ts'))}, { seed: 5, runs: 40, mode: 'fifo', out: ${JSON.stringify(path.join(folder, 'failures'))} });

// Every reply may take ten minutes, so the first test's 2.5 s timeout is what ends the check.
describeConformance('hangs', ${JSON.stringify(path.join(FIXTURES, 'hostile/hangs_on_probe_after_five.py'))}, { seed: 1, runs: 40, mode: 'fifo', timeoutMs: 600_000, timeout: 2500, out: false });

describe('afterwards', () => {
  test('the check of a suite ran once', () => {
    expect(readFileSync(${JSON.stringify(loads)}, 'utf8')).toBe('loaded\\n');
  });
  test('no worker or child is left running', () => {
    expect(runningCount()).toBe(0);
    expect(execFileSync('ps', ['--ppid', String(process.pid), '-o', 'args='], { encoding: 'utf8' })).not.toContain('sync_adapter.py');
  });
});

describe('toConform', () => {
  expect.extend(conformanceMatchers);
  test('passes for the reference', async () => {
    await expect(ReferenceSyncService).toConform({ seed: 5, runs: 20, mode: 'fifo' });
  }, 60_000);
  test('fails with the counterexample for a mutant', async () => {
    await expect(${JSON.stringify(path.join(FIXTURES, 'mutants/syncsNothing.ts'))}).toConform({ seed: 5, runs: 40, mode: 'fifo' });
  }, 60_000);
});
`;
}

describe('describeConformance, run by a nested vitest', () => {
  let folder = '';
  let results: AssertionResult[] = [];
  let terminal = '';

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'sync-check-vitest-'));
    writeFileSync(path.join(folder, 'conformance.test.ts'), spec(folder));
    const output = path.join(folder, 'report.json');
    // The spec fails on purpose: execFile rejects, with the output attached.
    const finished = await run(process.execPath, [VITEST, 'run', '--root', folder, '--globals', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`], {
      cwd: folder,
      // Not this run's vitest settings, nor an implementation to check instead of the spec's.
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST'))), NO_COLOR: '1', SYNC_IMPL: '', SYNC_COMMAND: '' },
    }).then(
      ({ stdout, stderr }) => `${stdout}${stderr}`,
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    terminal = finished;
    const report = JSON.parse(readFileSync(output, 'utf8')) as { testResults: { assertionResults: AssertionResult[] }[] };
    results = report.testResults.flatMap((file) => file.assertionResults);
  }, 120_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const resultOf = (suite: string, title: string): AssertionResult | undefined => results.find((result) => result.ancestorTitles[0] === suite && result.title === title);

  it('registers one test per property and mode, in catalogue order', () => {
    const titles = results.filter((result) => result.ancestorTitles[0] === 'syncs nothing').map((result) => result.title);
    expect(titles).toEqual([
      'S1 agreement (fifo)',
      'S2 integrity (fifo)',
      'S3 sender order (fifo)',
      'S4 no regression (fifo)',
      'S5 well-formed replies (fifo)',
      'S6 survives the protocol (fifo)',
      'S7 survives bad input (fifo)',
      'L1 convergence (fifo)',
      'L2 prompt convergence (fifo)',
    ]);
  });

  it('fails the broken property with the shrunk trace and the replay command', () => {
    const l1 = resultOf('syncs nothing', 'L1 convergence (fifo)');
    expect(l1?.status).toBe('failed');
    const message = l1?.failureMessages.join('\n') ?? '';
    expect(message).toContain('L1 convergence FAILED at the end');
    expect(message).toMatch(/#\s+event\s+message to server\s+reply\s+devices after/);
    expect(message).toContain('emit[0]');
    expect(message).toMatch(new RegExp(`replay: npx sync-check --replay ${folder}/failures/countedSyncsNothing-fifo-L1-[0-9a-f]{8}\\.json`));
    // The terminal shows the same, pointing at the describeConformance call.
    expect(terminal).toContain('ConformanceFailure: L1 convergence FAILED');
    expect(terminal).toContain('conformance.test.ts:8:1');
  });

  it('passes a warning, printing its counterexample, and passes the rest', () => {
    expect(resultOf('syncs nothing', 'S7 survives bad input (fifo)')?.status).toBe('passed');
    expect(terminal).toContain('S7 survives bad input WARNED');
    const others = results.filter((result) => result.ancestorTitles[0] === 'syncs nothing' && !result.title.startsWith('L1'));
    expect(others.map((result) => result.status)).toEqual(others.map(() => 'passed'));
  });

  it('runs the check once per suite, and leaves no worker or child running', () => {
    expect(resultOf('afterwards', 'the check of a suite ran once')?.status).toBe('passed');
    expect(resultOf('afterwards', 'no worker or child is left running')?.failureMessages).toEqual([]);
  });

  it('aborts the check when the test running it times out, and fails the other tests saying so', () => {
    const first = resultOf('hangs', 'S1 agreement (fifo)');
    expect(first?.status).toBe('failed');
    expect(terminal).toContain('Test timed out in 2500ms');
    const second = resultOf('hangs', 'S2 integrity (fifo)');
    const message = second?.failureMessages.join('\n') ?? '';
    expect(message).toContain('the conformance check was aborted while "S1 agreement (fifo)" ran it');
    expect(message).toContain('Test timed out in 2500ms');
  });

  it('offers toConform as a matcher', () => {
    expect(resultOf('toConform', 'passes for the reference')?.status).toBe('passed');
    const failing = resultOf('toConform', 'fails with the counterexample for a mutant');
    expect(failing?.status).toBe('failed');
    expect(failing?.failureMessages.join('\n')).toContain('L1 convergence FAILED');
    expect(failing?.failureMessages.join('\n')).toContain('not saved: pass `out` to save a replay file');
  });
});
