import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runningCount } from '../src/adapters/runningProcesses.ts';
import { PYTHON_ADAPTER } from '../src/adapters/loadImplementation.ts';
import { checkConformance, ReferenceSyncService } from '../src/index.ts';
import { FIXTURES } from './support/fixtures.ts';
import { freshOutDir, runCli } from './support/runCli.ts';

class EchoesNothing {
  onMessage(): unknown {
    return { type: 'noop' };
  }
}

describe('checkConformance, the library API', () => {
  it.each([
    { shape: 'a path', implementation: path.join(FIXTURES, 'correct/resendsWholeLog.ts'), verdict: 'pass' },
    { shape: 'a class', implementation: ReferenceSyncService, verdict: 'pass' },
    { shape: 'a factory', implementation: () => new ReferenceSyncService(), verdict: 'pass' },
    { shape: 'a class that syncs nothing', implementation: EchoesNothing, verdict: 'fail' },
  ])('accepts $shape and returns the --json report', async ({ implementation, verdict }) => {
    const report = await checkConformance(implementation, { seed: 5, runs: 50, modes: ['fifo'] });
    expect(report.verdict).toBe(verdict);
    expect(report.seed).toBe(5);
    expect(report.properties).toHaveLength(10);
  });
});

/** This process's children, as `ps` lists them (pid and command line). */
function children(): string[] {
  const listed = execFileSync('ps', ['--ppid', String(process.pid), '-o', 'pid=,args='], { encoding: 'utf8' }).trim();
  return listed === '' ? [] : listed.split('\n').filter((line) => !/\bps --ppid\b/.test(line));
}

/** Children that run an implementation (the Python adapter, or anything the fixtures start). */
function implementationChildren(): string[] {
  return children().filter((line) => line.includes('sync_adapter.py') || line.includes(FIXTURES));
}

const PYTHON_REFERENCE = path.join(FIXTURES, 'python/correct/reference.py');
const HANGS = path.join(FIXTURES, 'hostile/hangs_on_probe_after_five.py');

describe('checkConformance on a Python file and on { command }', () => {
  it.each([
    { shape: 'a .py file', target: PYTHON_REFERENCE, name: PYTHON_REFERENCE },
    { shape: '{ command }', target: { command: `python3 ${PYTHON_ADAPTER} ${PYTHON_REFERENCE}` }, name: `--command "python3 ${PYTHON_ADAPTER} ${PYTHON_REFERENCE}"` },
  ])('$shape passes and leaves no child process behind', async ({ target, name }) => {
    const report = await checkConformance(target, { seed: 5, runs: 30, mode: 'fifo' });
    expect(report.verdict).toBe('pass');
    expect(report.implementation).toBe(name);
    expect(report.modes).toEqual(['fifo']);
    expect(runningCount()).toBe(0);
    expect(implementationChildren()).toEqual([]);
  });

  it('leaves no child behind when the server cannot start or the file does not load', async () => {
    await expect(checkConformance(path.join(FIXTURES, 'broken/constructor_raises.py'), { seed: 5, runs: 5, mode: 'fifo' })).resolves.toMatchObject({ verdict: 'fail' });
    await expect(checkConformance(path.join(FIXTURES, 'broken/syntax_error.py'), { runs: 5 })).rejects.toThrow();
    expect(runningCount()).toBe(0);
    expect(implementationChildren()).toEqual([]);
  });
});

describe('checkConformance with an AbortSignal', () => {
  it('ends a check whose server hangs promptly once aborted, and stops its child', async () => {
    const controller = new AbortController();
    // A reply may take ten minutes: only the abort can end this check.
    const checking = checkConformance(HANGS, { seed: 1, mode: 'fifo', timeoutMs: 600_000, signal: controller.signal });
    const outcome = checking.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await until(() => implementationChildren().length > 0, 30_000);
    // Let it reach the hang (the first runs are answered).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const abortedAt = performance.now();
    controller.abort();
    const error = await outcome;
    const took = performance.now() - abortedAt;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('AbortError');
    expect(took).toBeLessThan(3000);
    expect(runningCount()).toBe(0);
    expect(implementationChildren()).toEqual([]);
  });

  it('rejects at once, starting nothing, when the signal is already aborted', async () => {
    const reason = new Error('gave up before it started');
    await expect(checkConformance(PYTHON_REFERENCE, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(runningCount()).toBe(0);
    expect(implementationChildren()).toEqual([]);
  });
});

describe('checkConformance with out', () => {
  it('writes the replay files the CLI writes, and --replay accepts them', async () => {
    const out = freshOutDir();
    const report = await checkConformance(path.join(FIXTURES, 'mutants/syncsNothing.ts'), { seed: 5, runs: 50, mode: 'fifo', out });
    expect(report.verdict).toBe('fail');
    const file = report.properties.find((property) => property.id === 'L1')?.counterexample?.replayFile;
    expect(file).toMatch(new RegExp(`^${out}/syncsNothing-fifo-L1-[0-9a-f]{8}\\.json$`));
    expect(existsSync(file?.replace(/\.json$/, '.md') ?? '')).toBe(true);
    const replayed = await runCli(['--replay', file ?? '']);
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toContain('the trace still fails');
    expect(replayed.stdout).toContain('L1 convergence FAILED');
    // A second check replays the saved failures first, as the CLI does.
    const again = await checkConformance(path.join(FIXTURES, 'mutants/syncsNothing.ts'), { seed: 6, runs: 50, mode: 'fifo', out });
    expect(again.knownFailures.stillFailing).toBeGreaterThan(0);
  });

  it('refuses bad options with one line naming the option', async () => {
    await expect(checkConformance(ReferenceSyncService, { runs: 0 })).rejects.toThrow('runs must be an integer from 1 to 10000000, got 0');
    await expect(checkConformance(ReferenceSyncService, { mode: 'fifo', modes: ['seed'] })).rejects.toThrow('give either mode or modes, not both');
  });
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
