/**
 * Many implementations at once (issue 16), the fast version: three files and a
 * pattern that matches nothing, checked by one command with --runs 5 and one
 * seed, against each file's own one-file check. The summary must give each the
 * verdict its one-file check gives (a false PASS is the worst bug); the JUnit,
 * CSV, annotations and job summary are read back from that one run. The whole
 * fixtures folder: test/batchDeep.test.ts (npm run test:deep).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JudgedImplementation } from '../src/report/judgedImplementation.ts';
import type { JsonReport } from '../src/report/jsonReport.ts';
import { syncCheck } from '../src/cli/syncCheck.ts';
import { FIXTURES } from './support/fixtures.ts';
import { junitProblems, parseXml } from './support/junitShape.ts';
import { freshOutDir, runCli, type CliResult } from './support/runCli.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const FILES = ['mutants/omitsOwnRecords.ts', 'correct/resendsWholeLog.ts', 'broken/noExport.ts'].map((name) => path.join(FIXTURES, name));
const NOTHING = path.join(FIXTURES, 'nowhere/*.ts');
const SEARCH = ['--seed', '7', '--runs', '5', '--mode', 'fifo'];

const dir = mkdtempSync(path.join(tmpdir(), 'sync-check-batch-test-'));
const out = (name: string): string => path.join(dir, name);
let batch: CliResult;
let rows: JudgedImplementation[];

/** The one-file check of `file`, as a user runs it today, with its own corpus. */
function single(file: string): Promise<CliResult> {
  return runCli([file, ...SEARCH, '--json', '--out', freshOutDir()]);
}

beforeAll(async () => {
  let stdout = '';
  let stderr = '';
  const env = { ...process.env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: out('summary.md'), GITHUB_WORKSPACE: ROOT };
  const argv = [...FILES, NOTHING, ...SEARCH, '--jobs', '2', '--json', '--out', freshOutDir(), '--junit', out('r.xml'), '--csv', out('r.csv'), '--html', out('r.html')];
  const code = await syncCheck(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env });
  batch = { code, stdout, stderr };
  rows = JSON.parse(stdout) as JudgedImplementation[];
}, 120_000);

describe('sync-check FILE FILE FOLDER PATTERN: one summary', () => {
  it('gives every file the verdict and findings of its own one-file check', async () => {
    for (const file of FILES) {
      const one = await single(file);
      const row = rows.find((candidate) => candidate.file === file);
      if (one.code === 2) {
        expect(row?.verdict, file).toBe('error');
        expect(`sync-check: ${row?.reason}`).toBe(one.stderr.trim().split('\n')[0]);
        continue;
      }
      const report = JSON.parse(one.stdout) as JsonReport;
      expect(row?.verdict, file).toBe(report.verdict);
      expect(row?.exitCode, file).toBe(one.code);
      expect(row?.report?.findings, file).toEqual(report.findings);
      expect(row?.report?.properties.map((property) => property.status), file).toEqual(report.properties.map((property) => property.status));
    }
  }, 60_000);

  it('sorts fail, pass, error; a pattern that matches nothing is an error row; exit 2', () => {
    expect(rows.map((row) => [path.basename(row.file), row.verdict])).toEqual([
      ['omitsOwnRecords.ts', 'fail'],
      ['resendsWholeLog.ts', 'pass'],
      ['noExport.ts', 'error'],
      ['*.ts', 'error'],
    ]);
    expect(rows[3]?.reason).toBe(`no file matches ${NOTHING}`);
    expect(rows[0]).toMatchObject({ broken: ['S1', 'S2', 'S3', 'L1'], shortest: 1 });
    expect(batch.code).toBe(2);
    expect(batch.stderr).not.toMatch(/^\s+at /m);
  });

  it('writes the CSV in the same order, one row per implementation', () => {
    const lines = readFileSync(out('r.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('file,verdict,broken,warned,shortest_events,seconds,reason');
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(['fail', 'pass', 'error', 'error']);
  });

  it('writes JUnit XML of the common shape: a testcase per implementation and property, the trace and replay command in each failure', () => {
    const xml = readFileSync(out('r.xml'), 'utf8');
    expect(junitProblems(xml)).toEqual([]);
    const [suites] = parseXml(xml).children;
    expect(suites?.attributes).toMatchObject({ tests: '22', failures: '4', errors: '2' });
    const failure = suites?.children[0]?.children.find((testcase) => testcase.attributes.name === 'S1 agreement')?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.text).toContain('S1 agreement FAILED');
    expect(failure?.text).toMatch(/replay: npx sync-check --replay \S+omitsOwnRecords-fifo-S1-\w+\.json/);
  });

  it('on GitHub Actions annotates each broken property (on stderr under --json) and appends the job summary with a diagram', () => {
    const annotations = batch.stderr.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations.filter((line) => line.startsWith('::error file=test/fixtures/mutants/omitsOwnRecords.ts,title=S1 agreement::'))).toHaveLength(1);
    expect(annotations.filter((line) => line.startsWith('::error file=test/fixtures/broken/noExport.ts,title=sync-check could not check this file::'))).toHaveLength(1);
    expect(annotations).toHaveLength(6);
    const summary = readFileSync(out('summary.md'), 'utf8');
    expect(summary).toContain('## sync-check: 4 implementations: 1 fail, 1 pass, 2 error');
    expect(summary).toContain('| ❌ FAIL | `');
    expect(summary.match(/```mermaid\nsequenceDiagram/g)).toHaveLength(4);
  });

  it('writes one HTML page holding every implementation, linked from its summary table', () => {
    const html = readFileSync(out('r.html'), 'utf8');
    for (const index of [1, 2, 3, 4]) expect(html).toContain(`<a href="#impl-${index}">`);
    expect(html.match(/<article class="counterexample"/g)).toHaveLength(4);
  });

  it('without --json prints the table; with nothing to check it is one line and exit 2', async () => {
    const none = await runCli([NOTHING, path.join(FIXTURES, 'nowhere.ts')]);
    expect(none).toEqual({ code: 2, stdout: '', stderr: `sync-check: nothing to check: ${NOTHING}: no file matches ${NOTHING}; ${path.join(FIXTURES, 'nowhere.ts')}: no such file: ${path.join(FIXTURES, 'nowhere.ts')}\n` });
    const refused = await runCli([...FILES, '--replay', 'x.json']);
    expect(refused.stderr).toBe('sync-check: --replay re-runs one saved trace: give at most one implementation\n');
    const overwrite = await runCli([...FILES, '--csv', FILES[0] ?? '']);
    expect(overwrite).toMatchObject({ code: 2, stderr: `sync-check: --csv ${FILES[0]} is an implementation under check: name another file\n` });
  });
});
