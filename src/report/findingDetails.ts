/**
 * What a summary of many implementations needs of each finding beyond the JSON
 * report: the text the one-file report prints, the Mermaid diagram and the
 * step-through view. Made where the recordings are (the check's own process),
 * so nothing is ever run again to draw it.
 */
import type { PropertyId } from '../../properties/index.ts';
import type { ConformanceReport, ExplainedCounterexample } from '../conformance/ConformanceReport.ts';
import { counterexampleText } from './counterexampleText.ts';
import { findingsInOrder } from './findings.ts';
import { formatTrace } from './formatTrace.ts';
import { sequenceDiagram } from './sequenceDiagram.ts';
import { stepView, type CounterexampleView } from './stepView.ts';

export interface FindingDetails {
  readonly property: PropertyId;
  /** The finding as the text report prints it: headline, step table, replay command. */
  readonly text: string;
  /** A Mermaid sequenceDiagram of its trace. */
  readonly mermaid: string;
  readonly view: CounterexampleView;
}

/** One entry per finding, shortest first, as the text report orders them; `replay` gives a counterexample's replay command. */
export function findingDetails(report: ConformanceReport, replay: (counterexample: ExplainedCounterexample) => string): FindingDetails[] {
  return findingsInOrder(report).map(({ id, best }) => {
    const trace = formatTrace(best);
    const deviceIds = Array.from({ length: best.scenario.deviceCount }, (_unused, index) => `dev_${index}`);
    return {
      property: id,
      text: counterexampleText(best, trace, replay(best)),
      mermaid: sequenceDiagram(trace.rows, trace.livenessRows, deviceIds),
      view: stepView(best, trace, replay(best)),
    };
  });
}
