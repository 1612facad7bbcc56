/** A replay file is data someone may send you: it runs nothing the user did not name, and every field is checked first. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_PATH } from '../src/cli/target.ts';
import { runCli } from './support/runCli.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'sync-check-replay-'));
const MARKER = path.join(folder, 'ran');

function replayFile(name: string, fields: Record<string, unknown>, scenario: Record<string, unknown> = {}): string {
  const file = path.join(folder, `${name}.json`);
  const base = {
    format: 'sync-check/counterexample', version: 1, implementation: REFERENCE_PATH, property: 'S6', message: 'x', properties: ['S6'],
    strict: false, timeoutMs: 1000, seed: 1, path: '',
    scenario: { mode: 'fifo', deviceCount: 1, events: [{ kind: 'probe', device: 0 }], ...scenario },
  };
  writeFileSync(file, JSON.stringify({ ...base, ...fields }));
  return file;
}

describe('replay files run nothing the user did not name', () => {
  it('a command in the file is never run: exit 2 with the line to type', async () => {
    const file = replayFile('command', { implementation: `command:touch ${MARKER}` });
    const { code, stdout, stderr } = await runCli(['--replay', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`--command "touch ${MARKER}"`);
    expect(existsSync(MARKER)).toBe(false);
  });

  it('a module path that is not a regular file is refused, naming what to type', async () => {
    const { code, stderr } = await runCli(['--replay', replayFile('nofile', { implementation: path.join(folder, 'missing.ts') })]);
    expect(code).toBe(2);
    expect(stderr).toContain('PATH');
  });

  it('a module path that exists is shown before it runs', async () => {
    const { code, stderr } = await runCli(['--replay', replayFile('shown', {})]);
    expect(code).toBe(0);
    expect(stderr).toContain(`replaying against ${REFERENCE_PATH} (named by the replay file)`);
  });
});

describe('every field is checked before anything runs', () => {
  it.each([
    ['timeoutMs too large', { timeoutMs: 99_999_999_999 }, {}, 'timeoutMs'],
    ['timeoutMs not a number', { timeoutMs: 'Infinity' }, {}, 'timeoutMs'],
    ['no properties', { properties: [] }, {}, 'properties'],
    ['property not judged', { properties: ['S5'] }, {}, 'properties'],
    ['too many devices', {}, { deviceCount: 100_000_000 }, 'deviceCount'],
    ['too many events', {}, { events: Array.from({ length: 10_001 }, () => ({ kind: 'probe', device: 0 })) }, 'events'],
    ['a malformed record', {}, { events: [{ kind: 'emit', device: 0, content: { timestamp: 't', data: { a: 1 } } }] }, 'data fields'],
  ])('%s: exit 2, one line', async (name, fields, scenario, mention) => {
    const { code, stdout, stderr } = await runCli(['--replay', replayFile(name.replace(/ /g, '-'), fields, scenario)]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(mention);
  });

  it('a file over 1 MB is refused unread', async () => {
    const file = path.join(folder, 'huge.json');
    writeFileSync(file, ' '.repeat(2 * 1024 * 1024));
    const { code, stderr } = await runCli(['--replay', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('larger than 1 MB');
  });

  it('search options are refused with --replay; --strict is honoured', async () => {
    const file = replayFile('options', {});
    expect((await runCli(['--replay', file, '--runs', '5'])).code).toBe(2);
    expect((await runCli(['--replay', file, '--strict'])).code).toBe(0);
  });
});
