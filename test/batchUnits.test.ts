/**
 * The parts of a check of many that need no implementation run: which files an
 * operand names (folders, globs, duplicates), the flags each child is given, the
 * summary's order and exit code, and the escaping of every report an
 * implementation's text reaches (CSV formulas, XML, HTML, workflow commands).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childFlags, type BatchArguments } from '../src/cli/batchArguments.ts';
import { expandOperands, namesMany } from '../src/cli/batchTargets.ts';
import { batchSummaryText } from '../src/report/batchSummary.ts';
import { csvReport } from '../src/report/csvReport.ts';
import { githubAnnotations } from '../src/report/githubReport.ts';
import { htmlReport } from '../src/report/htmlReport.ts';
import { errorRow, worstExitCode, type JudgedImplementation } from '../src/report/judgedImplementation.ts';
import { junitReport } from '../src/report/junitReport.ts';
import { junitProblems } from './support/junitShape.ts';

const HOSTILE = '=HYPERLINK("x")<script>alert(1)</script> & "quoted", a:b\nnext';

function folder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sync-check-expand-'));
  for (const file of ['a.ts', 'b.py', 'types.d.ts', 'notes.md', 'sub/c.mjs', 'sub/deeper/d.cjs', 'node_modules/pkg/index.js', '.hidden/e.ts']) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
  }
  return root;
}

describe('which files the operands name', () => {
  it('a folder: every .ts .mts .cts .js .mjs .cjs .py under it, not declarations, node_modules or dot-folders', async () => {
    const root = folder();
    expect(await expandOperands(['pick'], root)).toEqual({ files: [], problems: [{ file: 'pick', reason: 'no such file: pick' }] });
    const expanded = await expandOperands([root], '/');
    expect(expanded.files.map((file) => path.relative(root, file))).toEqual(['a.ts', 'b.py', path.join('sub', 'c.mjs'), path.join('sub', 'deeper', 'd.cjs')]);
  });

  it('a glob, expanded by the tool; a file named twice is checked once; a pattern matching nothing is a problem', async () => {
    const root = folder();
    const { files, problems } = await expandOperands(['**/*.?js', 'sub/c.mjs', 'a.ts', '*.rb'], root);
    expect(files).toEqual([path.join('sub', 'c.mjs'), path.join('sub', 'deeper', 'd.cjs'), 'a.ts']);
    expect(problems).toEqual([{ file: '*.rb', reason: 'no file matches *.rb' }]);
  });

  it('one plain file keeps the one-file check; several, a folder or a pattern get the summary', () => {
    expect(namesMany(['test/fixtures/mutants/omitsOwnRecords.ts'])).toBe(false);
    expect(namesMany(['missing.ts'])).toBe(false);
    expect(namesMany([])).toBe(false);
    expect(namesMany(['test/fixtures/mutants'])).toBe(true);
    expect(namesMany(['test/fixtures/mutants/*.ts'])).toBe(true);
    expect(namesMany(['a.ts', 'b.ts'])).toBe(true);
  });
});

describe('each child check', () => {
  it('gets every option as given and the one seed, but not the options of the whole check', () => {
    const args = { seed: 42, values: { mode: 'fifo', runs: '5', strict: true, random: false, exhaustive: true, json: true, csv: 'x.csv', jobs: '2', seed: '9', out: 'o' } } as unknown as BatchArguments;
    expect(childFlags(args)).toEqual(['--mode', 'fifo', '--runs', '5', '--strict', '--no-random', '--exhaustive', '--out', 'o', '--seed', '42']);
  });
});

const rows: JudgedImplementation[] = [
  errorRow('broken.ts', HOSTILE, 1),
  { file: 'ok.py', verdict: 'pass', broken: [], warned: [], shortest: null, seconds: 2, exitCode: 0 },
  { file: 'warns.ts', verdict: 'warn', broken: [], warned: ['L2'], shortest: 3, seconds: 1.5, exitCode: 0 },
];

describe('the summary and its reports', () => {
  it('lists worst first and exits with the worst verdict', () => {
    const text = batchSummaryText(rows, { seed: 1, runsPerMode: 5, jobs: 2 });
    expect(text.split('\n').slice(2, 6).map((line) => line.split(/\s+/)[0])).toEqual(['verdict', 'WARN', 'PASS', 'ERROR']);
    expect(text.split('\n').at(-1)).toBe('3 implementations: 1 warn, 1 pass, 1 error');
    expect(worstExitCode(rows)).toBe(2);
    expect(worstExitCode(rows.slice(1))).toBe(0);
    expect(worstExitCode([...rows.slice(1), { ...rows[1]!, verdict: 'fail', exitCode: 1 }])).toBe(1);
  });

  it('escapes what an implementation wrote in every format', () => {
    const csv = csvReport(rows);
    expect(csv).toContain(`"'=HYPERLINK(""x"")<script>alert(1)</script> & ""quoted"", a:b\nnext"`);
    const xml = junitReport(rows);
    expect(junitProblems(xml)).toEqual([]);
    expect(xml).not.toContain('<script>');
    const page = htmlReport(rows, HOSTILE);
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const [annotation] = githubAnnotations(rows, (file) => file);
    expect(annotation).toBe('::error file=broken.ts,title=sync-check could not check this file::=HYPERLINK("x")<script>alert(1)</script> & "quoted", a:b%0Anext');
  });
});
