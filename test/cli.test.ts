import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, propertyById, type PropertyId } from '../properties/index.ts';
import type { JsonReport } from '../src/report/jsonReport.ts';
import { FIXTURES } from './support/fixtures.ts';
import { freshOutDir, runCli } from './support/runCli.ts';

const fixture = (name: string): string => path.join(FIXTURES, name);
const SEED = ['--seed', '7'];

describe('sync-check exit codes and errors', () => {
  it.each([
    { argv: ['--runs', 'many'], code: 2, message: 'sync-check: --runs must be an integer from 1 to 10000000, got "many"' },
    { argv: ['--mode', 'sideways'], code: 2, message: 'sync-check: --mode must be one of seed, fifo, reorder or all, got "sideways"' },
    { argv: ['--devices', '11'], code: 2, message: 'sync-check: --devices must be an integer from 1 to 10, got "11"' },
    { argv: ['--colour'], code: 2, message: "sync-check: Unknown option '--colour'" },
    { argv: ['a.ts', 'b.ts'], code: 2, message: 'sync-check: expected at most one implementation, got 2: a.ts b.ts' },
    { argv: ['missing/server.ts'], code: 2, message: 'sync-check: no such file: missing/server.ts' },
    { argv: [fixture('broken/noExport.ts')], code: 2, message: 'exports neither createSyncService() nor a class SyncService (named or default); it exports Server' },
    { argv: [fixture('broken/syntaxError.ts')], code: 2, message: `sync-check: cannot load ${fixture('broken/syntaxError.ts')}:` },
    { argv: [fixture('broken/throwsOnLoad.mjs')], code: 2, message: 'Error: cannot start: no database' },
    { argv: [fixture('../support/fixtures.ts').replace('.ts', '.json')], code: 2, message: 'sync-check: no such file' },
    { argv: ['--replay', 'nowhere.json'], code: 2, message: 'sync-check: cannot read replay file nowhere.json' },
  ])('$argv exits $code with one clear line', async ({ argv, code, message }) => {
    const result = await runCli([...argv, '--out', freshOutDir()]);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toContain(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^usage: sync-check \[IMPLEMENTATION \| --command "PROGRAM ARGS"\]/);
  });

  it('the reference (no argument) passes: exit 0', async () => {
    const result = await runCli([...SEED, '--out', freshOutDir()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('verdict: PASS');
  });

  it('a warning is exit 0, but a failure under --strict', async () => {
    const file = fixture('correct/originalStyle.ts');
    const warned = await runCli([file, ...SEED, '--mode', 'fifo', '--out', freshOutDir()]);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('verdict: WARN');
    const strict = await runCli([file, ...SEED, '--mode', 'fifo', '--strict', '--out', freshOutDir()]);
    expect(strict.code).toBe(1);
  });
});

describe('sync-check --json', () => {
  it('prints one JSON object and nothing else, with a verdict per property', async () => {
    const out = freshOutDir();
    const result = await runCli([fixture('mutants/noReplyToEmpty.ts'), ...SEED, '--json', '--runs', '50', '--out', out]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report).toMatchObject({ verdict: 'fail', seed: 7, implementation: fixture('mutants/noReplyToEmpty.ts'), runsPerMode: 50, strict: false });
    expect(report.modes).toEqual(['seed', 'fifo', 'reorder']);
    expect(report.properties.map((property) => property.id)).toEqual(CATALOGUE.map((property) => property.id));
    const s5 = report.properties.find((property) => property.id === 'S5');
    expect(s5).toMatchObject({ level: 'fail', status: 'fail', modes: { seed: 'fail', fifo: 'fail', reorder: 'fail' } });
    expect(s5?.counterexample).toMatchObject({ trace: 'empty[0]', events: 1, known: false });
    expect(s5?.counterexample?.replayFile).toMatch(/noReplyToEmpty-(fifo|reorder)-S5-[0-9a-f]{8}\.json$/);
    expect(report.statistics.fifo?.['lost replies']).toBeGreaterThan(0);
  });
});

describe('counterexample files and --replay', () => {
  it('saves JSON and Markdown with a Mermaid diagram, and replays them exactly', async () => {
    const out = freshOutDir();
    const mutant = fixture('mutants/perDeviceLists.ts');
    const first = await runCli([mutant, ...SEED, '--mode', 'fifo', '--out', out]);
    expect(first.code).toBe(1);
    const files = readdirSync(out).sort();
    const jsonFiles = files.filter((name) => name.endsWith('.json'));
    expect(jsonFiles.length).toBeGreaterThan(0);
    expect(files.filter((name) => name.endsWith('.md')).length).toBe(jsonFiles.length);
    for (const name of jsonFiles) {
      const markdown = readFileSync(path.join(out, name.replace(/\.json$/, '.md')), 'utf8');
      expect(markdown).toContain('```mermaid\nsequenceDiagram\n');
      const replayed = await runCli(['--replay', path.join(out, name)]);
      // A warning replays as exit 0, as a check's warning does.
      const saved = JSON.parse(readFileSync(path.join(out, name), 'utf8')) as { property: PropertyId; strict: boolean };
      expect(replayed.code, name).toBe(saved.strict || propertyById(saved.property).level === 'fail' ? 1 : 0);
      expect(replayed.stdout).toContain('the trace still fails');
      const fixed = await runCli(['--replay', path.join(out, name), fixture('../../src/reference/SyncService.ts')]);
      expect(fixed.code, name).toBe(0);
      expect(fixed.stdout).toContain('the trace now passes');
    }
  });

  it.each([
    { content: 'not json at all', message: 'is not JSON, so not a sync-check counterexample' },
    { content: '{"format":"something-else"}', message: 'is not a sync-check counterexample' },
    { content: '{"format":"sync-check/counterexample","version":99}', message: 'has version 99' },
  ])('a corrupt or foreign replay file exits 2: $message', async ({ content, message }) => {
    const file = path.join(freshOutDir(), '..', 'corrupt.json');
    writeFileSync(file, content);
    const result = await runCli(['--replay', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('a damaged event list names the event', async () => {
    const out = freshOutDir();
    await runCli([fixture('mutants/noReplyToEmpty.ts'), ...SEED, '--mode', 'fifo', '--runs', '20', '--out', out]);
    const name = readdirSync(out).find((file) => file.endsWith('.json')) ?? '';
    const saved = JSON.parse(readFileSync(path.join(out, name), 'utf8')) as { scenario: { events: unknown[] } };
    saved.scenario.events[0] = { kind: 'teleport' };
    writeFileSync(path.join(out, name), JSON.stringify(saved));
    const result = await runCli(['--replay', path.join(out, name)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is damaged: event 1: unknown event kind teleport');
  });
});

describe('regression corpus', () => {
  it('replays saved failures first, before any new search', async () => {
    const out = freshOutDir();
    const mutant = fixture('mutants/cursorPerDevice.ts');
    await runCli([mutant, ...SEED, '--mode', 'reorder', '--out', out]);
    const saved = readdirSync(out).filter((name) => name.endsWith('.json')).length;
    // A different seed would search elsewhere; the corpus still finds the old failures at once.
    const second = await runCli([mutant, '--seed', '99', '--mode', 'reorder', '--json', '--out', out]);
    const report = JSON.parse(second.stdout) as JsonReport;
    expect(report.knownFailures.replayed).toBe(saved);
    expect(report.knownFailures.stillFailing).toBeGreaterThan(0);
    const l1 = report.properties.find((property) => property.id === 'L1');
    expect(l1?.counterexample?.known).toBe(true);
    expect(l1?.runs).toBe(1);
  });

  it('does not replay another implementation\'s failures', async () => {
    const out = freshOutDir();
    await runCli([fixture('mutants/cursorPerDevice.ts'), ...SEED, '--mode', 'fifo', '--out', out]);
    const other = await runCli([fixture('correct/resendsWholeLog.ts'), ...SEED, '--mode', 'fifo', '--json', '--out', out]);
    expect((JSON.parse(other.stdout) as JsonReport).knownFailures.replayed).toBe(0);
  });
});

describe('the installed bin', () => {
  const run = promisify(execFile);
  it('npx sync-check runs the reference and exits 0', async () => {
    const { stdout } = await run('npx', ['sync-check', '--seed', '1', '--runs', '30', '--out', freshOutDir()], { cwd: path.resolve(FIXTURES, '../..') });
    expect(stdout).toContain('verdict: PASS');
  });

  it('exits 1 on a mutant and 2 on a usage error, with no stack trace', async () => {
    const cwd = path.resolve(FIXTURES, '../..');
    const failing = run('npx', ['sync-check', fixture('mutants/syncsNothing.ts'), '--seed', '1', '--runs', '30', '--out', freshOutDir()], { cwd });
    await expect(failing).rejects.toMatchObject({ code: 1 });
    const usage = run('npx', ['sync-check', '--seed', 'x'], { cwd });
    await expect(usage).rejects.toMatchObject({ code: 2, stderr: expect.not.stringMatching(/^\s+at /m) as unknown });
  });
});
