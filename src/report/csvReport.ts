/** The summary as CSV (RFC 4180) for a spreadsheet: one row per implementation, in the summary's order. */
import { inSummaryOrder, type JudgedImplementation } from './judgedImplementation.ts';

const COLUMNS = ['file', 'verdict', 'broken', 'warned', 'shortest_events', 'seconds', 'reason'];

/** The CSV text, header first, CRLF line ends as RFC 4180 has them. */
export function csvReport(rows: readonly JudgedImplementation[]): string {
  const lines = inSummaryOrder(rows).map((row) =>
    [row.file, row.verdict, row.broken.join(' '), row.warned.join(' '), row.shortest === null ? '' : String(row.shortest), row.seconds.toFixed(2), row.reason ?? ''].map(csvCell).join(','),
  );
  return `${[COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

/**
 * One quoted-if-needed cell. A cell a spreadsheet would read as a formula (an
 * error message starting with `=` is the implementation's text) gets a leading
 * apostrophe, so opening the file runs nothing.
 */
function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
