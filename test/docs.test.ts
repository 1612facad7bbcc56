/**
 * The docs tell the truth and stay inside the repository: docs/protocol.md's
 * example servers are the tested fixtures, every relative link in every
 * Markdown file points at a file of the repository, nothing cites the protocol
 * text that lived outside it, and the protocol page lists every property of
 * the catalogue with its level.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NETWORK_MODES } from '../model/index.ts';
import { CATALOGUE } from '../properties/index.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const PROTOCOL_DOC = path.join(ROOT, 'docs', 'protocol.md');
const PROTOCOL_TEXT = readFileSync(PROTOCOL_DOC, 'utf8');

/** Folders that hold no documentation of ours: dependencies, build output, saved failures, scratch work. */
const SKIPPED = new Set(['node_modules', 'dist', 'scratch', 'coverage']);

function skipped(name: string): boolean {
  return SKIPPED.has(name) || name.startsWith('.') || name.startsWith('dist.staging-');
}

/** Every file under `folder` whose name ends with one of `extensions`, skipping the folders above. */
function filesUnder(folder: string, extensions: readonly string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (skipped(entry.name)) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full, extensions));
    else if (extensions.some((extension) => entry.name.endsWith(extension))) found.push(full);
  }
  return found.sort();
}

const MARKDOWN_FILES = filesUnder(ROOT, ['.md']);

/** The fenced code blocks of a Markdown text, with their info string (```ts -> 'ts'). */
function codeBlocks(markdown: string): { readonly tag: string; readonly code: string }[] {
  const blocks: { tag: string; code: string }[] = [];
  let open: { tag: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    const fence = /^```(.*)$/.exec(line);
    if (open === undefined) {
      if (fence !== null) open = { tag: (fence[1] ?? '').trim(), lines: [] };
    } else if (fence !== null && (fence[1] ?? '').trim() === '') {
      blocks.push({ tag: open.tag, code: open.lines.map((text) => `${text}\n`).join('') });
      open = undefined;
    } else {
      open.lines.push(line);
    }
  }
  return blocks;
}

/** A fixture without its first line (the catalogue header the fixture suites read). */
function withoutHeader(file: string): string {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return text.slice(text.indexOf('\n') + 1);
}

/** The text outside fenced code blocks, where links live. */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, '');
}

/** Link targets of a Markdown text: inline `[text](target)`, images, and reference definitions `[id]: target`. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1] ?? '');
  const references = [...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm)].map((match) => match[1] ?? '');
  return [...inline, ...references];
}

/** True for a target that names a file of the repository (not a URL, not a same-page anchor). */
function isRelative(target: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#') && !target.startsWith('//');
}

/** The anchors of a Markdown text's headings, as GitHub makes them (repeated headings get -1, -2...). */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const match of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = (match[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let anchor = slug;
    for (let copy = 1; anchors.has(anchor); copy++) anchor = `${slug}-${copy}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** Spelled in two pieces so that this file does not cite what it forbids. */
const OUTSIDE_CITATIONS = ['../' + 'shared', 'PROTOCOL' + '.md', 'SEED-' + 'README'];

/** The catalogue's row of the property table, exactly as docs/protocol.md and the README show it. */
function propertyRow(property: (typeof CATALOGUE)[number]): string {
  const modes = property.modes.length === NETWORK_MODES.length ? 'all' : property.modes.join(', ');
  const level = property.strictOnly ? `${property.level} (strict only)` : property.level;
  return `| ${property.id} | ${property.name} | ${level} | ${modes} | ${property.statement} |`;
}

describe('docs/protocol.md shows the tested example servers', () => {
  const blocks = codeBlocks(PROTOCOL_TEXT);

  it.each([
    { tag: 'ts', fixture: 'test/fixtures/correct/protocolDocExample.ts' },
    { tag: 'python', fixture: 'test/fixtures/python/correct/protocol_doc_example.py' },
  ])('its one ```$tag block is $fixture without its header line', ({ tag, fixture }) => {
    const tagged = blocks.filter((block) => block.tag === tag);
    expect(tagged).toHaveLength(1);
    expect(tagged[0]?.code).toBe(withoutHeader(fixture));
  });

  it('the fixtures say they are the example of docs/protocol.md', () => {
    expect(readFileSync(path.join(ROOT, 'test/fixtures/correct/protocolDocExample.ts'), 'utf8').split('\n')[0]).toBe(
      '// correct: the example server of docs/protocol.md; expect pass',
    );
    expect(readFileSync(path.join(ROOT, 'test/fixtures/python/correct/protocol_doc_example.py'), 'utf8').split('\n')[0]).toBe(
      '# correct: the example server of docs/protocol.md; expect pass',
    );
  });
});

describe('the Markdown files link only inside the repository', () => {
  it('finds the README, ARCHITECTURE.md and docs/protocol.md', () => {
    const names = MARKDOWN_FILES.map((file) => path.relative(ROOT, file));
    expect(names).toEqual(expect.arrayContaining(['README.md', 'ARCHITECTURE.md', path.join('docs', 'protocol.md')]));
  });

  it.each(MARKDOWN_FILES.map((file) => ({ file, name: path.relative(ROOT, file) })))(
    'every relative link of $name names a file of the repository',
    ({ file }) => {
      const broken = linkTargets(readFileSync(file, 'utf8'))
        .filter(isRelative)
        .map((target) => {
          const resolved = path.resolve(path.dirname(file), decodeURIComponent(target.replace(/[#?].*$/, '')));
          const inside = resolved === ROOT || resolved.startsWith(ROOT + path.sep);
          return inside && existsSync(resolved) ? undefined : target;
        })
        .filter((target) => target !== undefined);
      expect(broken).toEqual([]);
    },
  );

  it.each(MARKDOWN_FILES.map((file) => ({ file, name: path.relative(ROOT, file) })))(
    'every #anchor link of $name names a heading of the same file',
    ({ file }) => {
      const text = readFileSync(file, 'utf8');
      const anchors = headingAnchors(text);
      const missing = linkTargets(text).filter((target) => target.startsWith('#') && !anchors.has(decodeURIComponent(target.slice(1))));
      expect(missing).toEqual([]);
    },
  );

  it.each(MARKDOWN_FILES.map((file) => ({ file, name: path.relative(ROOT, file) })))(
    '$name cites nothing outside the repository',
    ({ file }) => {
      const text = readFileSync(file, 'utf8');
      expect(OUTSIDE_CITATIONS.filter((citation) => text.includes(citation))).toEqual([]);
    },
  );

  it('no source comment cites the old protocol text instead of docs/protocol.md', () => {
    const sources = ['model', 'properties', 'src', 'test'].flatMap((folder) => filesUnder(path.join(ROOT, folder), ['.ts', '.py']));
    const citing = sources
      .filter((file) => OUTSIDE_CITATIONS.some((citation) => readFileSync(file, 'utf8').includes(citation)))
      .map((file) => path.relative(ROOT, file));
    expect(citing).toEqual([]);
  });
});

describe('docs/protocol.md states every property of the catalogue', () => {
  it.each(CATALOGUE.map((property) => ({ id: property.id, property })))(
    'its property table has the catalogue row for $id, with its level',
    ({ property }) => {
      expect(PROTOCOL_TEXT).toContain(propertyRow(property));
    },
  );

  it.each(CATALOGUE.map((property) => ({ id: property.id, name: property.name })))(
    'it has a section for $id $name',
    ({ id, name }) => {
      expect(PROTOCOL_TEXT).toMatch(new RegExp(`^### ${id} ${name} \\(`, 'm'));
    },
  );
});
