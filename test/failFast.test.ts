/**
 * --fail-fast: the check ends at its first failure, shrunk, and says which
 * properties it left unjudged; a warning does not end it, and a correct server
 * gets every verdict as without it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../src/index.ts';
import type { JsonReport } from '../src/report/jsonReport.ts';
import { FIXTURES } from './support/fixtures.ts';
import { freshOutDir, runCli } from './support/runCli.ts';

const fixture = (name: string): string => path.join(FIXTURES, name);

async function jsonCheck(args: readonly string[]): Promise<{ code: number; report: JsonReport }> {
  const result = await runCli([...args, '--json', '--out', freshOutDir()]);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport };
}

describe('sync-check --fail-fast', () => {
  it('ends at the first failure: one property failed, with its shrunk trace, every other one n/a with 0 runs', async () => {
    const args = [fixture('mutants/perDeviceLists.ts'), '--seed', '1', '--runs', '30'];
    const { code, report } = await jsonCheck([...args, '--fail-fast']);
    expect(code).toBe(1);
    expect(report.verdict).toBe('fail');
    expect(report.stoppedAtFirstFailure).toBe(true);
    const failed = report.properties.filter((property) => property.status === 'fail');
    expect(failed).toHaveLength(1);
    const [first] = failed;
    // Shrunk: the first mode is seed, whose traces are whole harness turns of 3 or 4 events, two devices at least.
    expect(first?.counterexample?.events).toBeLessThanOrEqual(12);
    for (const property of report.properties.filter((item) => item !== first)) expect([property.id, property.status, property.runs]).toEqual([property.id, 'n/a', 0]);
    // The same property fails in the same mode without --fail-fast, which goes on to judge the rest.
    const full = await jsonCheck(args);
    const [mode] = Object.keys(first?.modes ?? {}).filter((name) => first?.modes[name as keyof typeof first.modes] === 'fail');
    expect(full.report.properties.find((property) => property.id === first?.id)?.modes).toMatchObject({ [mode ?? '']: 'fail' });
    expect(full.report.properties.filter((property) => property.status === 'n/a').length).toBeLessThan(report.properties.filter((property) => property.status === 'n/a').length);
    expect(full.report.stoppedAtFirstFailure).toBeUndefined();
  });

  it('says so under the verdict, and shows no statistics for the modes it never searched', async () => {
    const result = await runCli([fixture('mutants/syncsNothing.ts'), '--seed', '1', '--runs', '20', '--fail-fast', '--out', freshOutDir()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('verdict: FAIL\nstopped at the first failure (--fail-fast): the properties shown n/a were not judged');
    const statistics = result.stdout.slice(result.stdout.indexOf('statistics ('));
    expect(statistics.split('\n')[1]?.trim()).toBe('seed');
  });

  it('a warning does not end the check, and a correct server gets every verdict', async () => {
    const warned = await jsonCheck([fixture('mutants/throwsOnBadInput.ts'), '--seed', '1', '--runs', '20', '--mode', 'fifo', '--fail-fast']);
    expect(warned.code).toBe(0);
    expect(warned.report.verdict).toBe('warn');
    expect(warned.report.stoppedAtFirstFailure).toBeUndefined();
    expect(warned.report.properties.filter((property) => property.status === 'n/a').map((property) => property.id)).toEqual(['R1']);
    const correct = await jsonCheck(['--seed', '1', '--runs', '20', '--fail-fast']);
    const plain = await jsonCheck(['--seed', '1', '--runs', '20']);
    expect(correct.report.properties).toEqual(plain.report.properties);
  });

  it('the library API takes it as failFast', async () => {
    const report = await checkConformance(fixture('mutants/syncsNothing.ts'), { seed: 1, runs: 20, failFast: true });
    expect(report.verdict).toBe('fail');
    expect(report.stoppedAtFirstFailure).toBe(true);
    expect(report.properties.filter((property) => property.status === 'fail')).toHaveLength(1);
  });

  it.each([
    [['--exhaustive', '--fail-fast'], '--fail-fast is for the random search: --exhaustive judges every property within its bounds'],
    [['--minutes', '1', '--fail-fast'], '--fail-fast is for the random search: --minutes already stops at the first failure'],
    [['--replay', 'x.json', '--fail-fast'], '--fail-fast is for searches; a replay re-runs one saved trace'],
  ])('%j is a usage error', async (args, message) => {
    const result = await runCli([...args, '--out', freshOutDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`sync-check: ${message}\n`);
  });
});
