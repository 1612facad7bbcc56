/**
 * Hostile implementations: whatever the code under check does (exit, loop,
 * never settle, print, crash, flood the wire), sync-check gives the verdict in
 * the fixture's first line, within its --budget, and never exit 0 unless the
 * implementation conforms.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileFixtures, type HostileFixture } from './support/hostileFixtures.ts';
import { deep } from './support/deep.ts';
import { freshOutDir, runBin, runCli } from './support/runCli.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
/** The checker's own bound on each check: it must end by then, whatever the implementation does. */
const BUDGET_SECONDS = 60;

/**
 * Fixtures whose verdict takes long by design (a load timeout of 15 s, a hang
 * confirmed at the full timeout, a hang behind a forged heartbeat, a 50-200 MB
 * reply, running out of memory): `npm run test:deep` checks them; `npm test`
 * checks the others, which cover the same kinds of fault quickly (exit at import
 * and on a message, a hang at top level, in the factory and on every probe, a
 * cyclic reply, throws, noise, patched globals, forged answers).
 */
const SLOW: ReadonlySet<string> = new Set([
  'exit_in_onmessage.py',
  'extra_line_server.py',
  'forgesHeartbeat.ts',
  'hangsAfterFiveRecords.ts',
  'hangs_on_probe_after_five.py',
  'hugeReply.ts',
  'huge_line_server.py',
  'huge_reply.py',
  'kills_itself.py',
  'leaves_grandchild.py',
  'loopAtImport.ts',
  'loopInOnMessage.ts',
  'loop_in_module_assignment.py',
  'os_exit_in_onmessage.py',
  'outOfMemory.ts',
]);

function targetArguments(fixture: HostileFixture): string[] {
  return fixture.isProgram ? ['--command', `python3 ${fixture.file}`] : [fixture.file];
}

describe('hostile implementations get their verdict in bounded time', { concurrent: true }, () => {
  const fixtures = hostileFixtures().filter((fixture) => deep || !SLOW.has(path.basename(fixture.file)));
  it.each(fixtures.map((fixture) => [path.basename(fixture.file), fixture] as const))('%s', (_name, fixture) => expectVerdict(fixture, ['--mode', 'fifo']), (BUDGET_SECONDS + 60) * 1000);
});

/**
 * A Python solution's three modes are searched at the same time, each on a copy
 * of its own (src/conformance/modeLanes.ts): three copies that exit, hang, leave
 * grandchildren or answer with 50 MB at once must give the same verdict, and
 * must not exhaust the checker's memory (`npm run test:deep`; test/modeLanes.test.ts
 * checks copies in `npm test`).
 */
describe.runIf(deep)('hostile Python solutions, every mode at once', { concurrent: true }, () => {
  const fixtures = hostileFixtures().filter((fixture) => fixture.file.endsWith('.py') && !fixture.isProgram);
  it.each(fixtures.map((fixture) => [path.basename(fixture.file), fixture] as const))('%s', (_name, fixture) => expectVerdict(fixture, []), (BUDGET_SECONDS + 60) * 1000);
});

/** Checks `fixture` with `extra` options: the verdict its first line expects, within the budget. */
async function expectVerdict(fixture: HostileFixture, extra: readonly string[]): Promise<void> {
  const started = performance.now();
  const argv = [...targetArguments(fixture), ...extra, '--runs', '25', '--seed', '1', '--budget', String(BUDGET_SECONDS), '--json', '--out', freshOutDir()];
  const { code, stdout, stderr } = await runCli(argv);
  const seconds = (performance.now() - started) / 1000;
  const expected = fixture.expected;
  if (expected.kind === 'refused') {
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    return;
  }
  const report = JSON.parse(stdout) as { verdict: string; properties: { id: string; status: string }[] };
  expect(report.verdict).toBe(expected.verdict);
  expect(code).toBe(expected.verdict === 'fail' ? 1 : 0);
  if (expected.property !== undefined) {
    expect(report.properties.find((property) => property.id === expected.property)?.status).toBe(expected.verdict);
  }
  // The budget bounds the check; a few seconds more cover loading and the report.
  expect(seconds).toBeLessThan(BUDGET_SECONDS + 30);
}

describe('the process itself', () => {
  it('a server that calls process.exit(0) fails, and the bin exits 1 with its report', async () => {
    const { code, stdout } = await runBin([path.join(ROOT, 'test/fixtures/hostile/exitInOnMessage.ts'), '--mode', 'fifo', '--runs', '25', '--seed', '1', '--out', freshOutDir()]);
    expect(code).toBe(1);
    expect(stdout).toContain('verdict: FAIL');
    expect(stdout).toContain('process.exit(0)');
  }, 120_000);

  it('stdout noise from the implementation never reaches --json: the JSON parses and the output is reported apart', async () => {
    const { code, stdout } = await runBin([path.join(ROOT, 'test/fixtures/hostile/stdoutNoise.ts'), '--mode', 'fifo', '--runs', '25', '--seed', '1', '--json', '--out', freshOutDir()]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { verdict: string; implementationOutput?: { lines: number; firstLines: string[] } };
    expect(report.verdict).toBe('pass');
    expect(report.implementationOutput?.lines).toBeGreaterThan(0);
    expect(report.implementationOutput?.firstLines).toContain('noise');
  }, 120_000);
});
