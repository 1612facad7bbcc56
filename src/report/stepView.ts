/**
 * A counterexample as a step-through view: after every recorded event, what each
 * device held and which records the server had received, and the first step where
 * the property breaks. Plain data taken from the failing run's recording (through
 * formatTrace), so the HTML report draws the run that failed, never a rerun.
 */
import { propertyById } from '../../properties/index.ts';
import type { Counterexample } from '../check/findCounterexample.ts';
import { findingMessage } from './counterexampleText.ts';
import type { Arrow, Trace, TraceRow } from './formatTrace.ts';

/** One event and the state after it. */
export interface ViewStep {
  /** The text report's `#` column: `1`, `2`... or `live`. */
  readonly step: string;
  readonly event: string;
  readonly message: string;
  readonly reply: string;
  /** Each device's list after the event, as the text report's "devices after" shows it (`[r1 r2]`). */
  readonly devices: readonly string[];
  /** The records the server had received by then, in the order it received them (the server itself is a black box). */
  readonly received: string;
  readonly arrows: readonly Arrow[];
}

export interface CounterexampleView {
  readonly property: string;
  readonly name: string;
  readonly level: 'fail' | 'warn';
  readonly statement: string;
  /** The finding in the text report's words. */
  readonly message: string;
  readonly mode: string;
  readonly deviceIds: readonly string[];
  /** Lanes of the diagram, left to right: `suite` (when it sent bad input), the devices, `server`. */
  readonly participants: readonly string[];
  readonly steps: readonly ViewStep[];
  /** Index in `steps` of the first step where the property is broken; -1 when no step is recorded. */
  readonly failingStep: number;
  /** Why that step, in words. */
  readonly explanation: string;
  /** The events in one line. */
  readonly compact: string;
  /** What the recording could not show, when anything (a run that ended the server's thread, a cut recording). */
  readonly note: string;
  readonly replay: string;
}

/** The view of `counterexample`, whose trace `trace` was formatted from its recording. */
export function stepView(counterexample: Counterexample, trace: Trace, replay: string): CounterexampleView {
  const { finding, scenario } = counterexample;
  const property = propertyById(finding.property);
  const deviceIds = Array.from({ length: scenario.deviceCount }, (_unused, index) => `dev_${index}`);
  const rows = [...trace.rows, ...trace.livenessRows];
  const steps = viewSteps(rows, deviceIds.length);
  const usesSuite = rows.some((row) => row.arrows.some((arrow) => arrow.from === 'suite'));
  const failingStep = failingIndex(counterexample, rows);
  const message = findingMessage(counterexample, trace);
  return {
    property: finding.property,
    name: property.name,
    level: finding.level,
    statement: property.statement,
    message,
    mode: scenario.mode,
    deviceIds,
    participants: [...(usesSuite ? ['suite'] : []), ...deviceIds, 'server'],
    steps,
    failingStep,
    explanation: explanation(counterexample, steps[failingStep], message),
    compact: trace.compact,
    note: trace.liveness,
    replay,
  };
}

/** The rows as steps, the server's received records accumulated along the way. */
function viewSteps(rows: readonly TraceRow[], devices: number): ViewStep[] {
  const received: string[] = [];
  return rows.map((row) => {
    if (row.received !== undefined) received.push(row.received);
    return {
      step: row.step,
      event: row.event,
      message: row.message,
      reply: row.reply,
      devices: row.holdings ?? Array.from({ length: devices }, () => '[]'),
      received: `[${received.join(' ')}]`,
      arrows: row.arrows,
    };
  });
}

/**
 * The first step where the property is broken: the finding's step when it names
 * one; otherwise the run stopped at the finding, so the last recorded event (a
 * safety property broken in the liveness phase, or L1/L2 judged at the end).
 */
function failingIndex(counterexample: Counterexample, rows: readonly TraceRow[]): number {
  const step = counterexample.finding.step;
  if (step !== undefined && step > 0) {
    const index = rows.findIndex((row) => row.step === String(step));
    if (index >= 0) return index;
  }
  return step === 0 ? -1 : rows.length - 1;
}

/** The failing step in words, for people who do not read the colours. */
function explanation(counterexample: Counterexample, failing: ViewStep | undefined, message: string): string {
  const { finding } = counterexample;
  const property = propertyById(finding.property);
  const broken = finding.level === 'fail' ? 'fails' : 'warns';
  const title = `${finding.property} ${property.name}`;
  if (failing === undefined) return `${title} ${broken} before the first event: ${message}`;
  if (finding.step !== undefined) return `Step ${failing.step} (${failing.event}) is the first where ${title} ${broken}: ${message}`;
  if (property.when === 'end') return `${title} is judged after the last event, ${failing.event} of the liveness phase, and ${broken}: ${message}`;
  return `The liveness phase's last event, ${failing.event}, is the first where ${title} ${broken}: ${message}`;
}
