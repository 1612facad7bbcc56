/** The plain-text report of one counterexample: headline, compact events, step table, replay hint. */
import { propertyById } from '../../properties/index.ts';
import type { Counterexample } from '../check/findCounterexample.ts';
import type { Trace, TraceRow } from './formatTrace.ts';

type Column = 'step' | 'event' | 'message' | 'reply' | 'devices';

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
  const cut = cutNote(counterexample, trace);
  const lines = [
    `${finding.property} ${property.name} ${finding.level === 'fail' ? 'FAILED' : 'WARNED'} ${where}: ${findingMessage(counterexample, trace)}`,
    `  mode ${scenario.mode}, ${scenario.deviceCount} device${scenario.deviceCount === 1 ? '' : 's'}, ${plural(scenario.events.length, 'event')} (${howFound(counterexample)}${cut === undefined ? '' : `; ${cut}`}): ${trace.compact}`,
    ...table(shownRows(counterexample, trace)).map((line) => `  ${line}`),
  ];
  if (trace.liveness !== '') lines.push(`  ${trace.liveness}`);
  lines.push(`  replay: ${replay}`);
  return lines.join('\n');
}

/** Where the trace came from: fast-check's shrinking, an exhaustive search (then it is a shortest one), or a replay file. */
export function howFound({ origin }: Counterexample): string {
  switch (origin.kind) {
    case 'random':
      return `after ${origin.shrinks} shrinks${origin.shrinkCut === undefined ? '' : `; ${origin.shrinkCut}`}`;
    case 'exhaustive':
      return 'shortest within the exhaustive bounds';
    case 'saved':
      // A replayed file is not shrunk again; the words are the ones reports have always printed for it.
      return 'after 0 shrinks';
  }
}

/** What the finding says, in the report's words: the check's message, or a plainer one where it misleads. */
export function findingMessage(counterexample: Counterexample, trace: Trace): string {
  return trace.explanation ?? counterexample.finding.message;
}

/**
 * Why the table has fewer rows than the scenario has events, when it does: a
 * run stops at its first failure, so events after the failing one never ran
 * (in seed mode a step is a whole harness turn, so a turn can fail halfway).
 */
export function cutNote(counterexample: Counterexample, trace: Trace): string | undefined {
  const total = counterexample.scenario.events.length;
  const shown = trace.rows.length;
  if (!trace.described || shown >= total) return undefined;
  const step = counterexample.finding.step;
  if (step === 0) return `the server failed before the first event: none of the ${plural(total, 'event')} ran`;
  if (step === shown) return `cut at the failing step: ${shown} of ${total} events shown, the rest never ran`;
  return `the run ended at event ${shown}: ${shown} of ${total} events shown, the rest never ran`;
}

/** At most this many liveness rows are shown before the failing one is shown with only the row that sent its message. */
const LIVENESS_ROWS_SHOWN = 6;

/**
 * The scenario's rows and, when a safety property broke in the liveness phase,
 * the liveness rows up to the failing one. A long liveness phase is cut to the
 * failing row and the row that sent the probe its reply answers, so that no
 * `deliver[#n]` names a reply whose message is missing from the table.
 */
export function shownRows(counterexample: Counterexample, trace: Trace): readonly TraceRow[] {
  const { finding } = counterexample;
  const failedInLiveness = finding.step === undefined && propertyById(finding.property).when === 'step';
  if (!failedInLiveness || trace.livenessRows.length === 0) return trace.rows;
  return [...trace.rows, ...livenessShown(trace.livenessRows)];
}

function livenessShown(live: readonly TraceRow[]): readonly TraceRow[] {
  if (live.length <= LIVENESS_ROWS_SHOWN) return live;
  const failing = live.length - 1;
  const last = live[failing];
  const origin = last?.replyId === undefined || last.createsReply === true ? -1 : live.findIndex((row) => row.replyId === last.replyId && row.createsReply === true);
  const kept = origin >= 0 ? [origin, failing] : [failing];
  const shown: TraceRow[] = [];
  let next = 0;
  for (const index of kept) {
    if (index > next) shown.push(gapRow(index - next));
    const row = live[index];
    if (row !== undefined) shown.push(row);
    next = index + 1;
  }
  return shown;
}

function gapRow(hidden: number): TraceRow {
  return { step: 'live', event: '…', message: `(${plural(hidden, 'liveness event')} not shown)`, reply: '', devices: '', arrows: [] };
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

/**
 * A count with thousands separators, the same on every machine: `154,330`.
 * Not toLocaleString: its first call loads ICU's data, a tenth of the CLI's start.
 */
export function count(value: number): string {
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
