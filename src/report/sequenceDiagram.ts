/** A Mermaid sequenceDiagram of a trace: renders on GitHub and in editors, no server needed. */
import type { Arrow, TraceRow } from './formatTrace.ts';

/**
 * The diagram's source, participants in order: the suite (if it sent bad input),
 * devices, server; the liveness phase follows a note spanning every party.
 */
export function sequenceDiagram(rows: readonly TraceRow[], livenessRows: readonly TraceRow[], deviceIds: readonly string[]): string {
  const arrows = rows.flatMap((row) => row.arrows);
  const usesSuite = arrows.some((arrow) => arrow.from === 'suite');
  const participants = [...(usesSuite ? ['suite'] : []), ...deviceIds, 'server'];
  const lines = ['sequenceDiagram', ...participants.map((name) => `  participant ${name}`)];
  lines.push(...arrowLines(arrows));
  if (livenessRows.length > 0) {
    lines.push(`  Note over ${participants[0] ?? 'server'},server: liveness phase: pending replies delivered, then reliable probing`);
    lines.push(...arrowLines(livenessRows.flatMap((row) => row.arrows)));
  }
  return lines.join('\n');
}

function arrowLines(arrows: readonly Arrow[]): string[] {
  const lines: string[] = [];
  for (const arrow of arrows) {
    const text = mermaidText(arrow.text);
    if (arrow.kind === 'note') lines.push(`  Note over ${arrow.from}: ${text}`);
    else lines.push(`  ${arrow.from}${arrow.kind === 'lost' ? '--x' : arrow.from === 'server' ? '-->>' : '->>'}${arrow.to}: ${text}`);
  }
  return lines;
}

/** Mermaid reads `#` as the start of an entity and `;` as a line break. */
function mermaidText(text: string): string {
  return text.replace(/#(\d+)/g, 'reply $1').replace(/reply reply/g, 'reply').replace(/[;#]/g, ',');
}
