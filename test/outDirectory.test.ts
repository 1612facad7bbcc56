/** --out: checked before any search, and a save that fails anyway never costs the report. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './support/fixtures.ts';
import { freshOutDir, runCli } from './support/runCli.ts';

const MUTANT = path.join(FIXTURES, 'mutants/syncsNothing.ts');
const QUICK = ['--mode', 'fifo', '--runs', '30', '--seed', '1'];

describe('--out that cannot be used is refused before searching', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sync-check-out-')), 'a-file');
  writeFileSync(file, 'not a directory');
  it.each([
    ['a file', file, 'a file stands where a directory is needed'],
    ['a path under a file', path.join(file, 'failures'), 'a file stands where a directory is needed'],
    ['an empty string', '', 'empty string'],
    // Permission bits do not stop root; /proc refuses everyone, so the probe write is what decides.
    ['a place nobody can write', '/proc/sync-check-failures', 'cannot be written'],
  ])('%s: exit 2 with one line, nothing searched', async (_name, out, reason) => {
    const { code, stdout, stderr } = await runCli([MUTANT, ...QUICK, '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toContain(reason);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a save that fails anyway is a warning: the report and the exit code stand', () => {
  it('a corpus whose files cannot be replaced, in --json: the JSON is still printed whole', async () => {
    const out = freshOutDir();
    expect((await runCli([MUTANT, ...QUICK, '--out', out])).code).toBe(1);
    // Make every saved replay file unreplaceable: a directory where the file was.
    for (const name of readdirSync(out).filter((entry) => entry.endsWith('.json'))) {
      rmSync(path.join(out, name));
      mkdirSync(path.join(out, name, 'blocker'), { recursive: true });
    }
    const { code, stdout, stderr } = await runCli([MUTANT, ...QUICK, '--out', out, '--json']);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { verdict: string }).verdict).toBe('fail');
    expect(stderr).toContain('warning: could not save');
    expect(readdirSync(out).filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
  });
});
