/**
 * The part of a command's output a block shows. Selectors pick paragraphs of a
 * check's report (a paragraph is a run of lines between blank lines): `head`
 * (the first), `table`, `search` (the exhaustive search's summary), `verdict`,
 * `findings` (the line that opens the findings), `statistics`, a property id
 * (`S1`: its finding), `...` (a line that says something was left out),
 * `diagram:S1` (the Mermaid diagram of the saved report of S1's finding,
 * instead of the printed output) and, first, `$` (a prompt line with the
 * command, as a terminal shows it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Run } from './commands.ts';

/** What a block shows: a fenced block's info string and text. */
export interface Shown {
  readonly tag: string;
  readonly text: string;
}

/** Paragraphs of a report: runs of non-blank lines. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\n+$/, ''))
    .filter(Boolean);
}

const PARAGRAPH_SELECTORS: Record<string, (paragraph: string, index: number) => boolean> = {
  head: (_paragraph, index) => index === 0,
  table: (paragraph) => paragraph.startsWith('property '),
  search: (paragraph) => paragraph.startsWith('exhaustive search:'),
  verdict: (paragraph) => paragraph.startsWith('verdict: '),
  findings: (paragraph) => paragraph.startsWith('findings, '),
  statistics: (paragraph) => paragraph.startsWith('statistics '),
};

/**
 * The paragraph one selector names, or an error naming what the output holds
 * instead. A property's finding starts at its headline, wherever that is in its
 * paragraph (vitest puts a line of its own before what a test prints).
 */
function selectParagraph(all: readonly string[], selector: string): string {
  const named = PARAGRAPH_SELECTORS[selector];
  if (named !== undefined) {
    const found = all.find(named);
    if (found !== undefined) return found;
  } else {
    const headline = new RegExp(`^${selector} .* (?:FAILED|WARNED) `, 'm');
    const found = all.map((paragraph) => headline.exec(paragraph) === null ? undefined : paragraph.slice(headline.exec(paragraph)?.index)).find((finding) => finding !== undefined);
    if (found !== undefined) return found;
  }
  throw new Error(`no paragraph "${selector}" in the output; it starts: ${all.map((paragraph) => paragraph.split('\n')[0]).join(' / ')}`);
}

/** The Mermaid diagram of the saved Markdown report of one property's finding. */
function savedDiagram(outDir: string | undefined, property: string): Shown {
  if (outDir === undefined) throw new Error(`diagram:${property}: the command saved no counterexamples`);
  const report = readdirSync(outDir).find((name) => name.endsWith('.md') && name.includes(`-${property}-`));
  if (report === undefined) throw new Error(`no saved report for ${property} in ${readdirSync(outDir).join(', ')}`);
  const diagram = /```mermaid\n([\s\S]*?)```/.exec(readFileSync(path.join(outDir, report), 'utf8'));
  if (diagram === null) throw new Error(`the saved report ${report} has no Mermaid diagram`);
  return { tag: 'mermaid', text: (diagram[1] ?? '').replace(/\n$/, '') };
}

/** The selected part of one run's output: all of it, chosen paragraphs (`...` lines where some were left out), or a saved diagram. */
export function select(run: Run, selectors: readonly string[]): Shown {
  // `$` shows the command itself first, as a terminal would.
  if (selectors[0] === '$') {
    const rest = select(run, selectors.slice(1));
    const shown = run.command.startsWith('sync-check') ? `npx ${run.command}` : run.command;
    return { tag: rest.tag, text: `$ ${shown}\n${rest.text}` };
  }
  const diagram = selectors.find((selector) => selector.startsWith('diagram:'));
  if (diagram !== undefined) return savedDiagram(run.outDir, diagram.slice('diagram:'.length));
  if (selectors.length === 0) return { tag: '', text: run.stdout.replace(/\n+$/, '') };
  const all = paragraphs(run.stdout);
  const text = selectors
    .map((selector) => (selector === '...' ? '...' : selectParagraph(all, selector)))
    .join('\n\n')
    // An ellipsis belongs to the paragraph it follows, as in the hand-written excerpts it replaces.
    .replace(/\n\n\.\.\./g, '\n...');
  return { tag: '', text };
}

/** A block's shown text as Markdown: a fence with its info string. */
export function fence({ tag, text }: Shown): string {
  return `\`\`\`${tag}\n${text}\n\`\`\`\n`;
}
