/**
 * The marker format of the generated blocks of README.md and docs/*.md. A block
 * sits between two HTML comments, invisible on GitHub:
 *
 *   <!-- docs:run sync-check ARGS [| SELECTOR ...] -->   the output of that command, as bin/sync-check.mjs prints it
 *   <!-- docs:slow sync-check ARGS [| SELECTOR ...] -->  the same, for a command too slow for `npm test` (compared under SYNC_DEEP=1)
 *   <!-- docs:script FILE [NAME=FIXTURE ...] -->        `node FILE` run on the fenced block above that starts `// FILE`, next to copies of the fixtures
 *   <!-- docs:options COMMAND -->                         the option table of a sync-check command, from its commander definition
 *   <!-- docs:properties -->                              the property table, from properties/catalogue.ts
 *   <!-- docs:measured COMMAND; MACHINE, DATE -->         figures measured by COMMAND: never regenerated, never compared
 *   ...
 *   <!-- docs:end -->
 *
 * Selectors (see selection.ts) pick paragraphs of a command's output.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** One marked block: its kind and spec (the marker's words), its body, where it sits in its file. */
export interface DocBlock {
  readonly kind: string;
  readonly spec: string;
  readonly body: string;
  readonly start: number;
  readonly end: number;
  readonly marker: string;
}

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** The kinds `npm run docs` regenerates; docs:measured is never among them. */
export const GENERATED_KINDS: readonly string[] = ['run', 'slow', 'script', 'options', 'properties'];

/** The Markdown files that may hold generated blocks, relative to the repository. */
export function docFiles(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

const BLOCK = /<!-- docs:([a-z]+)(?:[ \t]+(.*?))?[ \t]*-->\n([\s\S]*?)<!-- docs:end -->/g;

/** Every marked block of a Markdown text, in order: kind, spec (the rest of the marker) and body (what lies between the markers). */
export function parseBlocks(text: string): DocBlock[] {
  return [...text.matchAll(BLOCK)].map((match) => ({
    kind: match[1] ?? '',
    spec: (match[2] ?? '').trim(),
    body: match[3] ?? '',
    start: match.index,
    end: match.index + match[0].length,
    marker: match[0].slice(0, match[0].indexOf('\n')),
  }));
}

/** The text with each block's body replaced by `bodies[i]` (undefined keeps it). */
export function replaceBodies(text: string, blocks: readonly DocBlock[], bodies: readonly (string | undefined)[]): string {
  let result = '';
  let at = 0;
  blocks.forEach((block, index) => {
    const body = bodies[index] ?? block.body;
    result += `${text.slice(at, block.start)}${block.marker}\n${body}<!-- docs:end -->`;
    at = block.end;
  });
  return result + text.slice(at);
}

/**
 * What may differ between two runs of the same command on different machines
 * or days, masked so that only real drift shows: durations, rates, memory, and
 * the column padding that a longer figure widens.
 */
export function normalise(text: string): string {
  return text
    // A saved counterexample's name ends with a hash of where the implementation lives.
    .replace(/-[0-9a-f]{8}\.(json|md)\b/g, '-<hash>.$1')
    .replace(/\d[\d,.]*(?:-\d[\d,.]*)?\s?(?:ms|s|min|minutes|seconds)\b/g, '<time>')
    .replace(/\d[\d,.]*\s?(?:[KMG]i?B)\b/g, '<memory>')
    .replace(/\d[\d,.]*\s?(?:states|sequences|runs|rounds|messages)\/s\b/g, '<rate>')
    .replace(/[ \t]+$/gm, '')
    .replace(/ {2,}/g, '  ');
}

/** A short name for a block in messages: file, line and marker. */
export function blockName(file: string, text: string, block: DocBlock): string {
  const line = text.slice(0, block.start).split('\n').length;
  return `${file}:${line} ${block.marker}`;
}

/** `sync-check --mode fifo "a b"` → ['sync-check', '--mode', 'fifo', 'a b'] (double quotes group, nothing else is special). */
export function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

/** A command spec split into the command and its selectors: `sync-check x.ts | table S1`. */
export function splitSpec(spec: string): { command: string; selectors: string[] } {
  const [command = '', selection = ''] = spec.split(/\s+\|\s+/);
  return { command: command.trim(), selectors: selection.split(/\s+/).filter(Boolean) };
}
