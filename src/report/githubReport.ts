/**
 * On GitHub Actions: workflow-command annotations (`::error file=...,title=...::`),
 * which mark each broken implementation in the run's summary and its files, and
 * the job summary (`GITHUB_STEP_SUMMARY`): the table and each failure's trace
 * and Mermaid diagram, which GitHub renders.
 */
import { brokenText, countsLine, timeText } from './batchSummary.ts';
import { plural } from './counterexampleText.ts';
import { inSummaryOrder, type JudgedImplementation } from './judgedImplementation.ts';

/** One annotation line per broken or warned property, and per file that could not be checked. */
export function githubAnnotations(rows: readonly JudgedImplementation[], annotationPath: (file: string) => string): string[] {
  return inSummaryOrder(rows).flatMap((row) => {
    const file = annotationPath(row.file);
    if (row.verdict === 'error') return [command('error', { file, title: 'sync-check could not check this file' }, row.reason ?? 'could not be checked')];
    return (row.report?.properties ?? []).flatMap((property) => {
      if (property.status !== 'fail' && property.status !== 'warn') return [];
      const counterexample = property.counterexample;
      const replay = counterexample?.replayFile === undefined ? '' : `\nreplay: npx sync-check --replay ${counterexample.replayFile}`;
      const message = counterexample === undefined ? `${property.id} ${property.status}` : `${counterexample.message}\n${counterexample.trace}${replay}`;
      return [command(property.status === 'fail' ? 'error' : 'warning', { file, title: `${property.id} ${property.name}` }, message)];
    });
  });
}

/** `::error file=a.py,title=S1 agreement::message`, escaped as the runner reads it. */
function command(kind: 'error' | 'warning', properties: Readonly<Record<string, string>>, message: string): string {
  const data = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string): string => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const list = Object.entries(properties).map(([name, value]) => `${name}=${property(value)}`).join(',');
  return `::${kind} ${list}::${data(message)}`;
}

/** The job summary's Markdown: a heading, the table, then each failure with its trace and diagram. */
export function githubJobSummary(rows: readonly JudgedImplementation[]): string {
  const ordered = inSummaryOrder(rows);
  const table = ['| verdict | file | broken | shortest | time | note |', '|---|---|---|---|---|---|'];
  for (const row of ordered) {
    const shortest = row.shortest === null ? '' : plural(row.shortest, 'event');
    table.push(`| ${VERDICT_MARK[row.verdict]} | \`${cell(row.file)}\` | ${cell(brokenText(row))} | ${shortest} | ${timeText(row)} | ${cell(row.reason ?? '')} |`);
  }
  const failed = (row: JudgedImplementation, id: string): boolean => row.report?.properties.find((property) => property.id === id)?.status === 'fail';
  const failures = ordered.flatMap((row) => (row.details ?? []).filter((detail) => failed(row, detail.property)).map((detail) => ({ row, detail })));
  const sections = failures.flatMap(({ row, detail }) => [
    `### ${cell(row.file)}: ${detail.property} ${cell(detail.view.name)}`,
    '',
    `> ${cell(detail.view.message)}`,
    '',
    '<details><summary>trace and replay command</summary>',
    '',
    fenced('text', detail.text),
    '',
    '</details>',
    '',
    fenced('mermaid', detail.mermaid),
    '',
  ]);
  return [`## sync-check: ${countsLine(rows)}`, '', ...table, '', ...sections].join('\n');
}

/** Words first, so the table reads without the colours of the marks. */
const VERDICT_MARK: Readonly<Record<JudgedImplementation['verdict'], string>> = { fail: '❌ FAIL', warn: '⚠️ WARN', bounded: '◻️ BOUNDED', pass: '✅ PASS', error: '⛔ ERROR' };

/** A Markdown table cell: no column break, no HTML. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
}

/** A fence longer than any run of backticks in `text`, so the text cannot end it. */
function fenced(language: string, text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}
