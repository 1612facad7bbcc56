import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, propertyById, type PropertyId } from '../properties/index.ts';
import type { JsonReport } from '../src/report/jsonReport.ts';
import { FIXTURES } from './support/fixtures.ts';
import { BUILT_BIN } from './support/builtDist.ts';
import { freshOutDir, runCli } from './support/runCli.ts';

const fixture = (name: string): string => path.join(FIXTURES, name);

/** A help's items (options, arguments, commands), each joined onto one line: "--runs <N> generated runs ... (default: 200)". */
function helpItems(help: string): string[] {
  const items: string[] = [];
  for (const line of help.split('\n')) {
    if (/^ {2}\S/.test(line)) items.push(line.trim());
    else if (/^ {3,}\S/.test(line) && items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items;
}
const SEED = ['--seed', '7'];

describe('sync-check exit codes and errors', () => {
  it.each([
    { argv: ['--runs', 'many'], code: 2, message: 'sync-check: --runs must be an integer from 1 to 10000000, got "many"' },
    { argv: ['--mode', 'sideways'], code: 2, message: 'sync-check: --mode must be one of seed, fifo, reorder or all, got "sideways"' },
    { argv: ['--devices', '11'], code: 2, message: 'sync-check: --devices must be an integer from 1 to 10, got "11"' },
    { argv: ['--colour'], code: 2, message: "sync-check: unknown option '--colour'" },
    { argv: ['--seeed', '5'], code: 2, message: "sync-check: unknown option '--seeed' (did you mean --seed?)" },
    // A negative number is the option's argument (not "ambiguous"); seeds are 0 to 2^31-1.
    { argv: ['--seed', '-5'], code: 2, message: 'sync-check: --seed must be an integer from 0 to 2147483647, got "-5"' },
    { argv: ['explor'], code: 2, message: 'sync-check: explor is neither a file nor a command (did you mean sync-check explore?)' },
    { argv: ['a.ts', 'b.ts'], code: 2, message: 'sync-check: nothing to check: a.ts: no such file: a.ts; b.ts: no such file: b.ts' },
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

  it.each([
    { argv: ['explore', '--max-state', '5'], message: "explore: unknown option '--max-state' (did you mean --max-states?)" },
    { argv: ['explore', '--seed', '1'], message: "explore: unknown option '--seed'" },
    { argv: ['simulate', '--devices', '-1'], message: 'simulate: --devices must be an integer from 1 to 127, got "-1"' },
    { argv: ['bench', '--only', 'everything'], message: 'bench: --only takes sections among isolation, simulate, runner, python, verdict, batch, explore, exhaustive, shrink, got "everything"' },
    { argv: ['--runs'], message: "sync-check: option '--runs <N>' argument missing" },
    { argv: ['replay'], message: "sync-check: missing required argument 'FILE'" },
    { argv: ['replay', 'saved.json', '--seed', '3'], message: 'sync-check: --seed is for searches; a replay re-runs one saved trace' },
    { argv: ['replay', 'nowhere.json'], message: 'sync-check: cannot read replay file nowhere.json' },
    { argv: ['help', 'explor'], message: "sync-check: unknown command 'explor' (did you mean explore?)" },
  ])('$argv exits 2 with exactly this one line', async ({ argv, message }) => {
    expect(await runCli(argv)).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('--version prints the version of package.json and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists the commands and every check option, each with its default and meaning', async () => {
    const result = await runCli(['--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: sync-check \[check\] \[IMPLEMENTATION\] \[options\]\n {7}sync-check <command> \[options\]\n/);
    const flat = result.stdout.replace(/\s+/g, ' ');
    for (const command of ['check [IMPLEMENTATION...]', 'replay <FILE> [IMPLEMENTATION]', 'explore', 'simulate', 'bench', 'help [command]']) expect(flat).toContain(` ${command} `);
    expect(flat).toContain('--runs <N> generated runs per mode, 1 to 10,000,000 (with --minutes: per batch) (default: 200)');
    expect(flat).toContain('--out <DIR> where counterexamples are saved (and replayed from first, next time) (default: .sync-check/failures)');
    const options = helpItems(result.stdout).filter((item) => item.startsWith('--'));
    expect(options.map((item) => item.split(' ')[0])).toEqual(expect.arrayContaining(['--mode', '--runs', '--seed', '--devices', '--strict', '--timeout', '--budget', '--json', '--command', '--replay', '--out', '--minutes', '--workers', '--shard', '--exhaustive', '--depth', '--records', '--pending', '--contents', '--junk', '--no-random']));
    // An option that takes a value says its default, unless leaving it out means not using it at all.
    const withoutDefault = options.filter((item) => item.includes(' <') && !item.includes('(default: ')).map((item) => item.split(' ')[0]);
    expect(withoutDefault).toEqual(['--command', '--replay', '--minutes', '--csv', '--junit', '--html']);
    for (const item of options) expect(item.split(/ {2,}/)[1], item).toMatch(/\w/);
  });

  it.each(['explore', 'simulate', 'bench', 'replay', 'check'])('%s --help (and the help command) shows its options with their defaults', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^Usage: sync-check ${command} \\[options\\]`));
    expect(await runCli(['help', command])).toEqual(result);
    const values = helpItems(result.stdout).filter((item) => /^--[\w-]+ </.test(item));
    expect(values.length).toBeGreaterThan(0);
    if (command === 'explore') {
      expect(values.filter((item) => !item.includes('(default: '))).toEqual([]);
      expect(result.stdout.replace(/\s+/g, ' ')).toContain('--devices <N> devices, 1 to 6 ("two devices disagree in length" needs 2) (default: 2)');
    }
  });

  it('the reference (no implementation argument) passes: exit 0', async () => {
    const result = await runCli([...SEED, '--runs', '20', '--out', freshOutDir()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('verdict: PASS');
  });

  it('a warning is exit 0, but a failure under --strict', async () => {
    const file = fixture('correct/originalStyle.ts');
    const warned = await runCli([file, ...SEED, '--mode', 'fifo', '--runs', '10', '--out', freshOutDir()]);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('verdict: WARN');
    const strict = await runCli([file, ...SEED, '--mode', 'fifo', '--runs', '10', '--strict', '--out', freshOutDir()]);
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
    const first = await runCli([mutant, ...SEED, '--mode', 'fifo', '--runs', '10', '--out', out]);
    expect(first.code).toBe(1);
    const files = readdirSync(out).sort();
    const jsonFiles = files.filter((name) => name.endsWith('.json'));
    expect(jsonFiles.length).toBeGreaterThan(0);
    expect(files.filter((name) => name.endsWith('.md')).length).toBe(jsonFiles.length);
    for (const [index, name] of jsonFiles.entries()) {
      const markdown = readFileSync(path.join(out, name.replace(/\.json$/, '.md')), 'utf8');
      expect(markdown).toContain('```mermaid\nsequenceDiagram\n');
      const replayed = await runCli(['--replay', path.join(out, name)]);
      // `sync-check replay FILE [IMPLEMENTATION]` is the same as `--replay FILE [IMPLEMENTATION]` (shown on the first file: each replay loads the server anew).
      if (index === 0) expect(await runCli(['replay', path.join(out, name)])).toEqual(replayed);
      // A warning replays as exit 0, as a check's warning does.
      const saved = JSON.parse(readFileSync(path.join(out, name), 'utf8')) as { property: PropertyId; strict: boolean };
      expect(replayed.code, name).toBe(saved.strict || propertyById(saved.property).level === 'fail' ? 1 : 0);
      expect(replayed.stdout).toContain('the trace still fails');
      const fixed = await runCli(['--replay', path.join(out, name), fixture('../../src/reference/SyncService.ts')]);
      if (index === 0) expect(await runCli(['replay', path.join(out, name), fixture('../../src/reference/SyncService.ts')])).toEqual(fixed);
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
    await runCli([mutant, ...SEED, '--mode', 'reorder', '--runs', '30', '--out', out]);
    const saved = readdirSync(out).filter((name) => name.endsWith('.json')).length;
    // A different seed would search elsewhere; the corpus still finds the old failures at once.
    const second = await runCli([mutant, '--seed', '99', '--mode', 'reorder', '--runs', '30', '--json', '--out', out]);
    const report = JSON.parse(second.stdout) as JsonReport;
    expect(report.knownFailures.replayed).toBe(saved);
    expect(report.knownFailures.stillFailing).toBeGreaterThan(0);
    const l1 = report.properties.find((property) => property.id === 'L1');
    expect(l1?.counterexample?.known).toBe(true);
    expect(l1?.runs).toBe(1);
  });

  it('does not replay another implementation\'s failures', async () => {
    const out = freshOutDir();
    await runCli([fixture('mutants/cursorPerDevice.ts'), ...SEED, '--mode', 'fifo', '--runs', '30', '--out', out]);
    expect(readdirSync(out).some((name) => name.endsWith('.json'))).toBe(true);
    const other = await runCli([fixture('correct/resendsWholeLog.ts'), ...SEED, '--mode', 'fifo', '--runs', '20', '--json', '--out', out]);
    expect((JSON.parse(other.stdout) as JsonReport).knownFailures.replayed).toBe(0);
  });
});

describe('the installed bin', () => {
  const run = promisify(execFile);
  const cwd = path.resolve(FIXTURES, '../..');
  // npx once (it finds package.json's bin); the bin it runs directly after that, as npx would, without npx's own second.
  const bin = [BUILT_BIN];
  it('npx sync-check runs the reference and exits 0', async () => {
    const { stdout } = await run('npx', ['sync-check', '--seed', '1', '--runs', '10', '--out', freshOutDir()], { cwd });
    expect(stdout).toContain('verdict: PASS');
  });

  it('exits 1 on a mutant and 2 on a usage error, with no stack trace', async () => {
    const failing = run(process.execPath, [...bin, fixture('mutants/syncsNothing.ts'), '--seed', '1', '--runs', '10', '--out', freshOutDir()], { cwd });
    await expect(failing).rejects.toMatchObject({ code: 1 });
    const usage = run(process.execPath, [...bin, '--seed', 'x'], { cwd });
    await expect(usage).rejects.toMatchObject({ code: 2, stderr: expect.not.stringMatching(/^\s+at /m) as unknown });
  });

  it('sync-check explore runs the model checker (a warning for a bound too small is exit 0)', async () => {
    const { stdout, stderr } = await run(process.execPath, [...bin, 'explore', '--mode', 'fifo', '--devices', '1', '--records', '1', '--pending', '1'], { cwd });
    expect(stdout).toContain('fifo: 1 devices, 1 record(s) each, 1 pending reply per device\n');
    expect(stdout).toContain('no violation of S1-S4');
    expect(stderr).toBe('explore: warning: fifo: "two devices disagree in length" NOT REACHED: needs --devices 2\n');
  });

  it('is one file (it imports packages and Node only), whose --version reads package.json through its own place', async () => {
    const source = readFileSync(BUILT_BIN, 'utf8');
    expect(source.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect([...source.matchAll(/^import .* from ["']([^"']+)["']/gm)].map((match) => match[1]).filter((name) => name?.startsWith('.'))).toEqual([]);
    const { stdout } = await run(process.execPath, [...bin, '--version'], { cwd: tmpdir() });
    expect(stdout.trim()).toBe((JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
