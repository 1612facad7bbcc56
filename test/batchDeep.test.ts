/**
 * The acceptance test of issue 16, in full (npm run test:deep): one command
 * judges every fixture of test/fixtures (mutants, correct alternatives, Python,
 * hostile, broken, shapes, helpers and all), and every verdict in its summary
 * equals the one that file's own `sync-check FILE --json` process gives with the
 * same seed. Hostile fixtures are compared by verdict only (what a hang is found
 * as depends on timing); the rest by their findings too.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JudgedImplementation } from '../src/report/judgedImplementation.ts';
import type { JsonReport } from '../src/report/jsonReport.ts';
import { deep } from './support/deep.ts';
import { FIXTURES } from './support/fixtures.ts';
import { freshOutDir, runBin } from './support/runCli.ts';

/** Few runs and a short hang timeout: the cost is in the hostile fixtures' fixed waits, twice over (the same flags for both, so the same verdicts). */
const SEARCH = ['--seed', '7', '--runs', '5', '--mode', 'fifo', '--timeout', '500'];

function reportOf(stdout: string): JsonReport | undefined {
  try {
    return JSON.parse(stdout) as JsonReport;
  } catch {
    return undefined;
  }
}

describe.skipIf(!deep)('sync-check test/fixtures: the summary against every one-file check', () => {
  it('gives every fixture the verdict of its own check', async () => {
    const batch = await runBin([FIXTURES, ...SEARCH, '--jobs', '2', '--json', '--out', freshOutDir()]);
    const rows = JSON.parse(batch.stdout) as JudgedImplementation[];
    expect(rows.length).toBeGreaterThan(90);
    const slowest = [...rows].sort((left, right) => right.seconds - left.seconds).slice(0, 5);
    console.log(`summary of ${rows.length} fixtures; slowest: ${slowest.map((row) => `${path.basename(row.file)} ${row.seconds.toFixed(0)} s`).join(', ')}`);
    const mismatches: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let index = next++; index < rows.length; index = next++) {
        const row = rows[index]!;
        const one = await runBin([...SEARCH, '--json', '--out', freshOutDir(), '--', row.file]);
        const report = reportOf(one.stdout);
        // No report (a load error, or a check that ended without one): the summary's row must be an error too.
        const verdict = report?.verdict ?? 'error';
        if (verdict !== row.verdict) mismatches.push(`${row.file}: summary ${row.verdict} (${row.reason ?? ''}), alone ${verdict} (exit ${one.code}: ${one.stderr.trim().split('\n').at(-1)})`);
        const hostile = row.file.includes(`${path.sep}hostile${path.sep}`);
        if (!hostile && report !== undefined && JSON.stringify(report.findings) !== JSON.stringify(row.report?.findings)) mismatches.push(`${row.file}: findings ${row.report?.findings.join(' ')} vs ${report.findings.join(' ')}`);
      }
    };
    await Promise.all([worker(), worker()]);
    expect(mismatches).toEqual([]);
    expect(batch.code).toBe(2);
  }, 1_800_000);
});
