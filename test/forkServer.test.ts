/**
 * The Python fork server (src/adapters/ForkServer.ts, sync_fork_server.py): the
 * same verdicts and traces as a fresh interpreter per process, each child's
 * output and end its own, and nothing left running.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadImplementation } from '../src/adapters/loadImplementation.ts';
import { runningCount } from '../src/adapters/runningProcesses.ts';
import { propertyById } from '../properties/index.ts';
import { ABANDONED_LIMIT, findCounterexample } from '../src/check/findCounterexample.ts';
import { deep } from './support/deep.ts';
import { FIXTURES } from './support/fixtures.ts';
import { freshOutDir, runCli } from './support/runCli.ts';

const fixture = (name: string): string => path.join(FIXTURES, name);

/** The Python processes running the adapter for `file` (the fork server and its children). */
function adapterProcesses(file: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `sync_adapter.py ${file}`], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** A report's table of verdicts without its `shortest` column (shrinking is capped in time, and a fresh interpreter per step is slow enough to reach the cap). */
function verdictTable(stdout: string): string {
  return stdout.slice(0, stdout.indexOf('\nverdict:')).replace(/\s+\d+ events?$/gm, '');
}

/** The `shortest` column: each broken property's shortest trace, in events. */
function shortest(stdout: string): Map<string, number> {
  return new Map([...stdout.matchAll(/^(\S+) .* (\d+) events?$/gm)].map((match) => [match[1] ?? '', Number(match[2])]));
}

describe('the Python fork server', () => {
  const saved = process.env.SYNC_PYTHON_FORKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.SYNC_PYTHON_FORKS;
    else process.env.SYNC_PYTHON_FORKS = saved;
  });

  // A fresh interpreter per process is the slow path compared against (40 s a fixture on a loaded machine): test:deep only.
  // npm test holds the fork server to the same verdicts through every Python mutant and hostile fixture of its own.
  it.skipIf(!deep).each(['python/mutants/exits_on_probe.py', 'hostile/kills_itself.py', 'hostile/os_exit_in_onmessage.py'])(
    '%s: the same verdicts as with a fresh interpreter per process, and traces no longer',
    async (name) => {
      const argv = [fixture(name), '--seed', '5', '--mode', 'fifo', '--runs', '30'];
      const forked = await runCli([...argv, '--out', freshOutDir()]);
      process.env.SYNC_PYTHON_FORKS = '0';
      const fresh = await runCli([...argv, '--out', freshOutDir()]);
      expect(forked.code).toBe(1);
      expect(fresh.code).toBe(1);
      expect(verdictTable(forked.stdout)).toBe(verdictTable(fresh.stdout));
      expect(forked.stdout).toContain('S6 survives the protocol FAILED');
      const freshShortest = shortest(fresh.stdout);
      expect([...shortest(forked.stdout).keys()]).toEqual([...freshShortest.keys()]);
      for (const [property, length] of shortest(forked.stdout)) expect(length).toBeLessThanOrEqual(freshShortest.get(property) ?? 0);
    },
  );

  it("a child's exit is reported with its own code and its own output, not an earlier child's", async () => {
    const file = fixture('python/mutants/exits_on_probe.py');
    const { factory, close } = await loadImplementation(file);
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const service = await factory();
        const outcome = await exitOnProbe(service);
        // "enough data, stopping" is what this solution prints before it exits: once per child, never an earlier one's.
        expect(outcome).toMatch(/exited with code 3 while handling this message; its last output: enough data, stopping$/);
      }
    } finally {
      await close();
    }
  });

  it('every run after an exit gets a fresh child, and the check leaves no process running', async () => {
    const file = fixture('python/mutants/exits_on_probe.py');
    const result = await runCli([file, '--seed', '2', '--mode', 'reorder', '--runs', '20', '--out', freshOutDir()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('S6 survives the protocol');
    expect(runningCount()).toBe(0);
    await expect.poll(() => adapterProcesses(file), { timeout: 5000 }).toEqual([]);
  });

  it('a run whose process ended judges nothing after that point, as a hung one: it is abandoned, not passed', async () => {
    const { factory, close } = await loadImplementation(fixture('python/mutants/exits_on_probe.py'));
    try {
      // Without S6 (which an exit breaks), nothing judges the exit itself: runs that reach it end there, and the search gives up.
      const search = { runs: 200, seed: 1, strict: false, timeoutMs: 1000 };
      const withoutS6 = await findCounterexample(factory, 'fifo', [propertyById('S1'), propertyById('L1')], search);
      expect(withoutS6.counterexample).toBeUndefined();
      expect(withoutS6.abandoned).toBe(ABANDONED_LIMIT);
      expect(withoutS6.gaveUp).toBe(true);
      const withS6 = await findCounterexample(factory, 'fifo', [propertyById('S6')], search);
      expect(withS6.counterexample?.finding.message).toContain('exited with code 3');
    } finally {
      await close();
    }
  });
});

/** Feeds records, then probes until the server exits; the error text of the call that saw it exit. */
async function exitOnProbe(service: Awaited<ReturnType<Awaited<ReturnType<typeof loadImplementation>>['factory']>>): Promise<string> {
  const call = (service as { call?: (message: unknown, timeoutMs: number) => Promise<{ kind: string; error?: string }> }).call;
  if (call === undefined) throw new Error('expected a remote service');
  for (let index = 0; index < 20; index++) {
    const record = { type: 'record', timestamp: `t${index}`, dev_id: 'dev_0', data: { a: 'x', b: 'y', c: String(index) } };
    await call({ ...record }, 1000);
    const outcome = await call({ type: 'probe', dev_id: 'dev_0', from: 0 }, 1000);
    if (outcome.kind === 'threw') return outcome.error ?? '';
  }
  return 'never exited';
}

describe('the interpreter behind a python3 shim', () => {
  const savedPython = process.env.SYNC_PYTHON;
  afterEach(() => {
    if (savedPython === undefined) delete process.env.SYNC_PYTHON;
    else process.env.SYNC_PYTHON = savedPython;
  });

  it('a second solution loaded in the same process starts the interpreter the first one named, not the shim again', async () => {
    // A shim as pyenv's is one: a script that finds the interpreter, then execs it. This one counts its starts.
    const folder = mkdtempSync(path.join(tmpdir(), 'sync-check-shim-'));
    const real = execFileSync(savedPython ?? 'python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
    const shim = path.join(folder, 'python3');
    writeFileSync(shim, `#!/bin/sh\necho start >> ${folder}/starts\nexec ${real} "$@"\n`, { mode: 0o755 });
    process.env.SYNC_PYTHON = shim;
    const file = fixture('python/correct/reference.py');
    for (let load = 0; load < 3; load++) {
      const { factory, close } = await loadImplementation(file);
      await factory();
      await close();
    }
    expect(readFileSync(path.join(folder, 'starts'), 'utf8')).toBe('start\n');
  });
});

describe('a child that leaves a grandchild holding its output', () => {
  it('ends its call and closes in bounded time', async () => {
    const { factory, close } = await loadImplementation(fixture('hostile/leaves_grandchild.py'));
    const started = performance.now();
    const service = (await factory()) as { call?: (message: unknown, timeoutMs: number) => Promise<{ kind: string }> };
    const outcome = await service.call?.({ type: 'probe', dev_id: 'dev_0', from: 0 }, 10_000);
    expect(outcome?.kind).toBe('threw');
    await close();
    // The grandchild holds the output open for 3 s; the server reports the child's end 0.2 s after it, whatever holds the pipe.
    expect(performance.now() - started).toBeLessThan(2500);
  });
});
