/** The plain-text report of one counterexample: headline, compact events, step table, replay hint. */
import { propertyById } from '../../properties/index.ts';
import type { Counterexample } from '../check/findCounterexample.ts';
import type { Trace, TraceRow } from './describeTrace.ts';

const COLUMNS: readonly (keyof TraceRow)[] = ['step', 'event', 'message', 'reply', 'devices'];
const HEADINGS: Readonly<Record<keyof TraceRow, string>> = {
  step: '#',
  event: 'event',
  message: 'message to server',
  reply: 'reply',
  devices: 'devices after',
};

/** The counterexample as text, one line per event; `replay` is the command that replays it. */
export function counterexampleText(counterexample: Counterexample, trace: Trace, replay: string): string {
  const { finding, scenario } = counterexample;
  const property = propertyById(finding.property);
  const where = finding.step !== undefined ? `at step ${finding.step}` : property.when === 'end' ? 'at the end' : 'in the liveness phase';
  const lines = [
    `${finding.property} ${property.name} ${finding.level === 'fail' ? 'FAILED' : 'WARNED'} ${where}: ${finding.message}`,
    `  mode ${scenario.mode}, ${scenario.deviceCount} device${scenario.deviceCount === 1 ? '' : 's'}, ${scenario.events.length} events (after ${counterexample.shrinks} shrinks): ${trace.compact}`,
    ...table(trace.rows).map((line) => `  ${line}`),
  ];
  if (trace.liveness !== '') lines.push(`  ${trace.liveness}`);
  lines.push(`  replay: ${replay}`);
  return lines.join('\n');
}

function table(rows: readonly TraceRow[]): string[] {
  const all = [HEADINGS, ...rows];
  const widths = COLUMNS.map((column) => Math.max(...all.map((row) => row[column].length)));
  return all.map((row) =>
    COLUMNS.map((column, index) => row[column].padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
