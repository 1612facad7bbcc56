/** The plain-text report of one counterexample: headline, compact events, step table, replay hint. */
import { propertyById } from '../../properties/index.ts';
import type { Counterexample } from '../check/findCounterexample.ts';
import type { Trace, TraceRow } from './describeTrace.ts';

type Column = Exclude<keyof TraceRow, 'arrows'>;

const COLUMNS: readonly Column[] = ['step', 'event', 'message', 'reply', 'devices'];
export const HEADINGS: Readonly<Record<Column, string>> = {
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
    `  mode ${scenario.mode}, ${scenario.deviceCount} device${scenario.deviceCount === 1 ? '' : 's'}, ${plural(scenario.events.length, 'event')} (${howFound(counterexample)}): ${trace.compact}`,
    ...table(shownRows(counterexample, trace)).map((line) => `  ${line}`),
  ];
  if (trace.liveness !== '') lines.push(`  ${trace.liveness}`);
  lines.push(`  replay: ${replay}`);
  return lines.join('\n');
}

/** Where the trace came from: fast-check's shrinking, or an exhaustive search (then it is a shortest one). */
export function howFound(counterexample: Counterexample): string {
  return counterexample.foundBy === 'exhaustive' ? 'shortest within the exhaustive bounds' : `after ${counterexample.shrinks} shrinks${counterexample.shrinkCut === undefined ? '' : `; ${counterexample.shrinkCut}`}`;
}

/** The scenario's rows, and the failing step when a safety property broke in the liveness phase. */
export function shownRows(counterexample: Counterexample, trace: Trace): readonly TraceRow[] {
  const { finding } = counterexample;
  const failedInLiveness = finding.step === undefined && propertyById(finding.property).when === 'step';
  const last = trace.livenessRows.at(-1);
  return failedInLiveness && last !== undefined ? [...trace.rows, last] : trace.rows;
}

function table(rows: readonly TraceRow[]): string[] {
  const all: Readonly<Record<Column, string>>[] = [HEADINGS, ...rows];
  const widths = COLUMNS.map((column) => Math.max(...all.map((row) => row[column].length)));
  return all.map((row) =>
    COLUMNS.map((column, index) => row[column].padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** `1 event`, `2 events`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A count with thousands separators, the same on every machine: `154,330`. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}
