/** The statistics of a report as a table: how often each awkward case occurred, per mode. */
import type { ConformanceReport } from '../conformance/ConformanceReport.ts';

export function statisticsText(report: ConformanceReport): string[] {
  // A mode that generated no run (--fail-fast stopped before it) has no shares to show, not shares of 0%.
  const modes = report.modes.filter((mode) => Object.keys(mode.statistics).length > 0);
  if (modes.length === 0) return [];
  const labels = [...new Set(modes.flatMap((mode) => Object.keys(mode.statistics)))].sort();
  const header = ['', ...modes.map((mode) => mode.mode)];
  const rows = labels.map((label) => [label, ...modes.map((mode) => `${Math.round(mode.statistics[label] ?? 0)}%`)]);
  const widths = header.map((_cell, column) => Math.max(...[header, ...rows].map((row) => row[column]?.length ?? 0)));
  const format = (row: readonly string[]): string =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return ['statistics (share of generated runs that reached each case):', ...[header, ...rows].map((row) => `  ${format(row)}`)];
}
