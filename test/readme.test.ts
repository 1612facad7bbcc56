/**
 * The README is short, in the order a user needs it, and true: its example
 * server is a tested fixture, its property table is the catalogue, and its
 * counterexample, diagram and replay commands are one run's (the trace and
 * the diagram are generated blocks; test/docsUpToDate.test.ts holds them to
 * what the tool prints).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NETWORK_MODES } from '../model/index.ts';
import { CATALOGUE } from '../properties/index.ts';
import { parseBlocks } from '../scripts/docs/index.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** At most about 200 lines: the rest lives in docs/. */
const MAX_LINES = 200;

/** The user's order: what and why, install and test, their own server, a counterexample, replay, their test suite, further reading. */
const SECTIONS = [
  'The commands',
  'Check your own server',
  'Read a counterexample',
  'Replay and the corpus',
  'In your own test suite',
  'Where to go next',
];

/** The example server the README shows, and the fixture suites check. */
const EXAMPLE_FIXTURE = 'test/fixtures/correct/resendsWholeLog.ts';

/** The README's property table row for a catalogue entry, as it must read. */
function expectedRow(property: (typeof CATALOGUE)[number]): string {
  const modes = property.modes.length === NETWORK_MODES.length ? 'all' : property.modes.join(', ');
  const level = property.strictOnly ? `${property.level} (strict only)` : property.level;
  return `| ${property.id} | ${property.name} | ${level} | ${modes} | ${property.statement} |`;
}

/** The README's one TypeScript block that declares a server (the other shows the vitest helper). */
function serverFence(): string {
  const fences = [...README.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '').filter((code) => code.includes('class SyncService'));
  expect(fences).toHaveLength(1);
  return fences[0] ?? '';
}

describe("the README is short and in the user's order", () => {
  it(`has at most ${MAX_LINES} lines`, () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(MAX_LINES);
  });

  it('opens with what the tool is and why, then has its sections in order', () => {
    const headings = [...README.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(headings).toEqual(SECTIONS);
    const why = README.slice(0, README.indexOf('## '));
    // The original harness's weakness, with its concrete example.
    expect(why).toMatch(/Why: .*harness/s);
    expect(why).toContain('syncs nothing at all passes it');
  });
});

describe('the README tells the truth', () => {
  it(`its TypeScript server is ${EXAMPLE_FIXTURE} without its header line, a server expected to pass`, () => {
    const fixture = readFileSync(path.join(ROOT, EXAMPLE_FIXTURE), 'utf8');
    expect(fixture.split('\n')[0]).toMatch(/expect pass/);
    expect(serverFence()).toBe(fixture.slice(fixture.indexOf('\n') + 1));
    expect(README).toContain(`\`${EXAMPLE_FIXTURE}\``);
  });

  it.each(CATALOGUE.map((property) => ({ id: property.id, row: expectedRow(property) })))(
    'its property table has the catalogue row for $id',
    ({ row }) => {
      expect(README).toContain(row);
    },
  );

  it('its trace and its diagram are generated from one run', () => {
    const runs = parseBlocks(README).filter((block) => block.kind === 'run');
    const commands = runs.map((block) => block.spec.split(' | ')[0]);
    expect(runs.map((block) => block.spec.split(' | ')[1])).toEqual(['S1', 'diagram:S1']);
    expect(new Set(commands).size).toBe(1);
  });

  it('its replay commands replay the file its trace names', () => {
    const saved = /replay: npx sync-check --replay (\S+\.json)/.exec(README)?.[1];
    expect(saved).toBeDefined();
    const replays = [...README.matchAll(/^npx sync-check replay (\S+)/gm)].map((match) => match[1]);
    expect(replays.length).toBeGreaterThan(0);
    expect(new Set(replays)).toEqual(new Set([saved]));
  });
});
