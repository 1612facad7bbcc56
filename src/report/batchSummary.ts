/** The summary of a check of many implementations, as text: one row per file, worst first, then the counts. */
import { inSummaryOrder, type BatchVerdict, type JudgedImplementation } from './judgedImplementation.ts';
import { plural } from './counterexampleText.ts';

/** What the whole check was run with, for its first line. */
export interface BatchSettings {
  readonly seed: number | undefined;
  readonly runsPerMode: number | undefined;
  readonly jobs: number;
}

const HEADER = ['verdict', 'file', 'broken', 'shortest', 'time', 'note'];

/** The table and the counts line; deterministic but for the times. */
export function batchSummaryText(rows: readonly JudgedImplementation[], settings: BatchSettings): string {
  const search = [settings.seed === undefined ? undefined : `seed ${settings.seed}`, settings.runsPerMode === undefined ? undefined : `${settings.runsPerMode} runs per mode`];
  const first = [plural(rows.length, 'implementation'), ...search.filter((part) => part !== undefined), plural(settings.jobs, 'job')].join(', ');
  const table = [HEADER, ...inSummaryOrder(rows).map(cells)];
  const widths = HEADER.map((_heading, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  const lines = table.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  return [`sync-check: ${first}`, '', ...lines, '', countsLine(rows)].join('\n');
}

/** A row's cells: `FAIL`, the file, `S1 S2 (warn S7)`, `3 events`, `2.1 s`, the reason of an error. */
function cells(row: JudgedImplementation): string[] {
  return [row.verdict.toUpperCase(), row.file, brokenText(row), row.shortest === null ? '' : plural(row.shortest, 'event'), timeText(row), noteOf(row)];
}

/** A row that never ran (a pattern that matched nothing) has no time. */
export function timeText(row: JudgedImplementation): string {
  return row.report === undefined && row.seconds === 0 ? '' : `${row.seconds.toFixed(1)} s`;
}

/** The broken properties, then the ones that only warned. */
export function brokenText(row: JudgedImplementation): string {
  const warned = row.warned.length === 0 ? '' : `(warn ${row.warned.join(' ')})`;
  return [row.broken.join(' '), warned].filter((part) => part !== '').join(' ');
}

function noteOf(row: JudgedImplementation): string {
  if (row.reason !== undefined) return row.reason;
  return row.report?.cutShort === undefined ? '' : `cut short: ${row.report.cutShort}`;
}

/** `4 implementations: 1 fail, 1 warn, 1 pass, 1 error`, the verdicts that occur, worst first. */
export function countsLine(rows: readonly JudgedImplementation[]): string {
  const verdicts: readonly BatchVerdict[] = ['fail', 'warn', 'bounded', 'pass', 'error'];
  const counts = verdicts.map((verdict) => ({ verdict, count: rows.filter((row) => row.verdict === verdict).length })).filter(({ count }) => count > 0);
  return `${plural(rows.length, 'implementation')}: ${counts.map(({ verdict, count }) => `${count} ${verdict}`).join(', ')}`;
}
