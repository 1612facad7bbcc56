/** A counterexample as Markdown: what failed, how to replay it, the step table and a sequence diagram. */
import { propertyById } from '../../properties/index.ts';
import type { CounterexampleOrigin } from '../check/findCounterexample.ts';
import type { ExplainedCounterexample } from '../conformance/ConformanceReport.ts';
import { cutNote, findingMessage, HEADINGS, plural, shownRows } from './counterexampleText.ts';
import { formatTrace } from './formatTrace.ts';
import { sequenceDiagram } from './sequenceDiagram.ts';

export function markdownReport(counterexample: ExplainedCounterexample, implementation: string, replay: string): string {
  const { finding, scenario } = counterexample;
  const trace = formatTrace(counterexample);
  const property = propertyById(finding.property);
  const deviceIds = Array.from({ length: scenario.deviceCount }, (_unused, index) => `dev_${index}`);
  const columns = Object.keys(HEADINGS) as (keyof typeof HEADINGS)[];
  return [
    `# ${finding.property} ${property.name} ${finding.level === 'fail' ? 'failed' : 'warned'}`,
    '',
    `> ${property.statement}`,
    '',
    `**${cell(findingMessage(counterexample, trace))}**`,
    '',
    `- implementation: \`${implementation}\``,
    `- mode: ${scenario.mode}, ${plural(scenario.deviceCount, 'device')}, ${plural(scenario.events.length, 'event')}${cutText(cutNote(counterexample, trace))}: \`${trace.compact}\``,
    foundLine(counterexample.origin),
    `- replay: \`${replay}\``,
    '',
    `| ${columns.map((column) => HEADINGS[column]).join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...shownRows(counterexample, trace).map((row) => `| ${columns.map((column) => cell(row[column])).join(' | ')} |`),
    ...(trace.liveness === '' ? [] : ['', trace.liveness]),
    '',
    '```mermaid',
    sequenceDiagram(trace.rows, trace.livenessRows, deviceIds),
    '```',
    '',
  ].join('\n');
}

/** How it was found: a random search's (or, replayed from a file, the file's) seed and path, or an exhaustive search. */
function foundLine(origin: CounterexampleOrigin): string {
  return origin.kind === 'exhaustive' ? '- found by exhaustive search: a shortest failing sequence within its bounds' : `- found with seed ${origin.seed}, path \`${origin.path || '-'}\``;
}

function cutText(note: string | undefined): string {
  return note === undefined ? '' : ` (${note})`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
