/** Ctrl-C, SIGTERM and SIGHUP end every process and thread the checker started, and print what was judged so far. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deep } from './support/deep.ts';
import { BUILT_BIN } from './support/builtDist.ts';
import { freshOutDir } from './support/runCli.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Processes whose command line mentions `text` (read from /proc, so nothing else is needed). */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

// `npm test`: SIGINT with a worker (TypeScript; test/libraryApi.test.ts stops a hanging Python child on abort);
// `npm run test:deep` adds SIGINT and SIGTERM with a Python child, and SIGHUP.
describe.each(
  (
    [
      ['SIGINT', 'hangs_on_probe_after_five.py'],
      ['SIGTERM', 'hangs_on_probe_after_five.py'],
      ['SIGINT', 'loopInOnMessage.ts'],
      ['SIGHUP', 'loopInOnMessage.ts'],
    ] as const
  ).filter(([signal, name]) => deep || (signal === 'SIGINT' && name.endsWith('.ts'))),
)('%s while %s hangs', (signal, name) => {
  it('stops the child or worker, prints the report so far, and leaves no process behind', async () => {
    const fixture = path.join(ROOT, 'test/fixtures/hostile', name);
    // A long timeout: the implementation is hanging when the signal comes.
    // The TypeScript fixture leaves this file when it starts to spin: the signal then comes while it hangs.
    const marker = path.join(path.dirname(freshOutDir()), 'spinning');
    const env = { ...process.env, SYNC_CHECK_HANG_MARKER: marker };
    const child = spawn(process.execPath, [BUILT_BIN, fixture, '--mode', 'fifo', '--seed', '1', '--timeout', '600000', '--out', freshOutDir()], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const isPython = name.endsWith('.py');
    if (isPython) {
      expect(await until(() => processesMentioning(fixture).some((pid) => pid !== child.pid), 30_000)).toBe(true);
      // Give it time to reach the hang (the first runs are answered).
      await new Promise((resolve) => setTimeout(resolve, 5000));
    } else {
      expect(await until(() => existsSync(marker), 60_000)).toBe(true);
    }
    child.kill(signal);
    const code = await exited;
    expect(stderr).toContain(`${signal}: stopping`);
    expect(stdout).toContain('interrupted');
    expect([1, 130]).toContain(code);
    expect(await until(() => processesMentioning(fixture).length === 0, 5000)).toBe(true);
  }, 90_000);
});
