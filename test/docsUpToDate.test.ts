/**
 * The docs cannot go stale: every command output, option table and property
 * table shown in README.md and docs/*.md sits between docs:* markers, and this
 * suite regenerates each one with the same code as `npm run docs`
 * (scripts/docs/) and fails, naming the file and the block, when the
 * shown text no longer matches (after masking durations, memory and file
 * hashes). docs:slow blocks (exhaustive searches, about a minute) are compared
 * under SYNC_DEEP=1 only; docs:measured blocks (benchmark figures) never are.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderer, docFiles, GENERATED_KINDS, normalise, parseBlocks, regenerateFile, ROOT } from '../scripts/docs/index.ts';
import { deep } from './support/deep.ts';

const KINDS = deep ? GENERATED_KINDS : GENERATED_KINDS.filter((kind) => kind !== 'slow');

const FILES = docFiles().map((file) => ({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }));

const renderer = createRenderer({ concurrency: 2 });
afterAll(() => renderer.close());

// Every file's commands start now, two at a time, while vitest walks the tests;
// the drift examples below reuse the same runs (the renderer runs each command once).
// The checks run in this process (syncCheck itself, no bin and no tsx start per block).
const RESULTS = new Map(FILES.map(({ file, text }) => [file, regenerateFile(file, text, renderer, KINDS)]));
// A filtered run (-t) may never await some of these; their failures are the tests' to report, not unhandled.
for (const result of RESULTS.values()) result.catch(() => undefined);

function staleMessage(file: string, drifted: readonly string[]): string {
  return `${file}: ${drifted.length} block(s) no longer match what the tool prints; run npm run docs\n  ${drifted.join('\n  ')}`;
}

function textOf(file: string): string {
  const found = FILES.find((entry) => entry.file === file);
  if (found === undefined) throw new Error(`${file} is not among the doc files`);
  return found.text;
}

describe('every generated block shows what the tool prints now', () => {
  const withBlocks = FILES.filter(({ text }) => parseBlocks(text).some((block) => KINDS.includes(block.kind)));

  it('finds generated blocks in the README and the docs', () => {
    expect(withBlocks.map(({ file }) => file)).toEqual(expect.arrayContaining(['README.md', 'docs/cli.md', 'docs/protocol.md']));
  });

  // Under SYNC_DEEP=1 a file's blocks include exhaustive searches of a minute or more each.
  it.each(withBlocks.map(({ file }) => ({ file })))('$file', { timeout: deep ? 900_000 : 120_000 }, async ({ file }) => {
    const { blocks, bodies, drifted } = await RESULTS.get(file)!;
    // One soft assertion per block shows each stale block's difference, not just the first.
    blocks.forEach((block, index) => {
      const fresh = bodies[index];
      if (fresh !== undefined) expect.soft(normalise(block.body), staleMessage(file, drifted)).toBe(normalise(fresh));
    });
    expect(drifted, staleMessage(file, drifted)).toEqual([]);
  });
});

describe('a block that drifts is reported', () => {
  it('an edited trace in a copy of the README names README.md, the block and npm run docs', async () => {
    const original = textOf('README.md');
    const edited = original.replace('dev_1 and dev_0 disagree at index 0', 'dev_1 and dev_0 disagree at index 1');
    expect(edited).not.toBe(original);
    const { drifted } = await regenerateFile('README.md', edited, renderer, ['run']);
    expect(drifted).toHaveLength(1);
    expect(drifted[0]).toMatch(/^README\.md:\d+ <!-- docs:run sync-check test\/fixtures\/mutants\/perDeviceLists\.ts .* \| S1 -->$/);
    expect(staleMessage('README.md', drifted)).toContain('run npm run docs');
  });

  it('an option missing from a copy of the option table is reported', async () => {
    const original = textOf('docs/cli.md');
    const edited = original.replace(/^\| `--budget <SECONDS>` .*\n/m, '');
    expect(edited).not.toBe(original);
    const { drifted } = await regenerateFile('docs/cli.md', edited, renderer, ['options']);
    expect(drifted).toEqual([expect.stringMatching(/^docs\/cli\.md:\d+ <!-- docs:options check -->$/)]);
  });

  it('a reworded statement in a copy of the property table is reported', async () => {
    const original = textOf('docs/protocol.md');
    const edited = original.replace('The same within 2 rounds.', 'The same within 3 rounds.');
    expect(edited).not.toBe(original);
    const { drifted } = await regenerateFile('docs/protocol.md', edited, renderer, ['properties']);
    expect(drifted).toEqual([expect.stringMatching(/^docs\/protocol\.md:\d+ <!-- docs:properties -->$/)]);
  });

  it('a different duration or file hash is not drift', () => {
    expect(normalise('in 47.9 s, 239,575 states/s, 220 MiB, failures/x-fifo-S1-c552939f.json')).toBe(
      normalise('in 9.1 s, 1,000 states/s, 1 GiB, failures/x-fifo-S1-0bcc6bdf.json'),
    );
  });
});

describe('measured figures are excluded, and say where they come from', () => {
  const measured = FILES.flatMap(({ file, text }) =>
    parseBlocks(text)
      .filter((block) => block.kind === 'measured')
      .map((block) => ({ file, block })),
  );

  it('the benchmark tables of docs/performance.md are measured blocks', () => {
    expect(measured.filter(({ file }) => file === 'docs/performance.md').length).toBeGreaterThanOrEqual(3);
  });

  it.each(measured.map(({ file, block }) => ({ file, spec: block.spec, block })))('$file: $spec', async ({ block }) => {
    // The command that measures them, then the machine and the date: figures, not promises.
    expect(block.spec).toMatch(/^npm run \S+.*; .*\bcores?\b.*\d{4}-\d{2}-\d{2}$/);
    expect(GENERATED_KINDS).not.toContain(block.kind);
    await expect(renderer.render(block)).resolves.toBeUndefined();
  });
});

/** Lines that only a command's output has: a report's table, verdict or finding, a diagram, a terminal prompt, a simulation's figures. */
const OUTPUT_LINE = /^(?:property\s+level\b|verdict: |[SLR]\d .* (?:FAILED|WARNED) |sequenceDiagram|\$ |\s+(?:records|original check)\s)/m;

/** The fenced blocks of a text outside every docs:* block. */
function unmarkedFences(text: string): string[] {
  let outside = text;
  for (const block of parseBlocks(text).reverse()) outside = outside.slice(0, block.start) + outside.slice(block.end);
  return [...outside.matchAll(/^```[^\n]*\n([\s\S]*?)^```[ \t]*$/gm)].map((match) => match[1] ?? '');
}

describe('no command output is shown outside a generated or measured block', () => {
  it.each(FILES.map(({ file, text }) => ({ file, text })))('$file', ({ text }) => {
    expect(unmarkedFences(text).filter((fence) => OUTPUT_LINE.test(fence))).toEqual([]);
  });
});
