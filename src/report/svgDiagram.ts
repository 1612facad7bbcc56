/**
 * A counterexample as an SVG sequence diagram drawn by this project (no Mermaid,
 * no network): one lane per party, one row per message, every step a group the
 * step-through view highlights. Lost and duplicated replies say so in words and
 * by their line, not only by colour.
 */
import type { Arrow } from './formatTrace.ts';
import { escapeMarkup } from './markup.ts';
import type { CounterexampleView } from './stepView.ts';

const LANE_WIDTH = 250;
const LEFT = 190;
const TOP = 50;
const ROW = 30;
const LABEL_CHARS = 34;

/** The diagram; `id` prefixes the ids of its step groups (`${id}-step-3`). */
export function svgDiagram(view: CounterexampleView, id: string): string {
  const lane = new Map(view.participants.map((party, index) => [party, LEFT + index * LANE_WIDTH]));
  const x = (party: string): number => lane.get(party) ?? LEFT;
  const { body, bottom } = stepsMarkup(view, id, x);
  const width = LEFT + view.participants.length * LANE_WIDTH;
  const title = `Sequence diagram of the ${view.property} counterexample: ${view.compact}`;
  // A group, not an image: its steps are list items a screen reader can walk through.
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" width="${width}" height="${bottom + 10}" viewBox="0 0 ${width} ${bottom + 10}" role="group" aria-labelledby="${id}-title">`,
    `<title id="${id}-title">${escapeMarkup(title)}</title>`,
    `<defs><marker id="${id}-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head"/></marker></defs>`,
    ...view.participants.map((party) => laneMarkup(party, x(party), bottom)),
    `<g role="list">`,
    ...body,
    '</g>',
    '</svg>',
  ].join('\n');
}

/** Every step as a group of rows, one row per message, the liveness phase after a dashed line; and where the last ends. */
function stepsMarkup(view: CounterexampleView, id: string, x: (party: string) => number): { body: string[]; bottom: number } {
  const width = LEFT + view.participants.length * LANE_WIDTH - 60;
  const body: string[] = [];
  let y = TOP + 20;
  view.steps.forEach((step, index) => {
    if (step.step === 'live' && view.steps[index - 1]?.step !== 'live') {
      body.push(`<line class="phase" x1="10" x2="${width}" y1="${y}" y2="${y}"/>`, `<text class="phase-label" x="12" y="${y + 14}">liveness phase: pending replies delivered, then reliable probing</text>`);
      y += ROW + 8;
    }
    const rows = Math.max(step.arrows.length, 1);
    const failing = index === view.failingStep;
    const label = `step ${step.step} ${step.event}${failing ? ': the first step where the property is broken' : ''}`;
    body.push(`<g class="step${failing ? ' failing' : ''}" id="${id}-step-${index}" data-step="${index}" role="listitem" aria-label="${escapeMarkup(label)}">`);
    body.push(`<rect class="step-band" x="4" y="${y - 18}" width="${width}" height="${rows * ROW}"/>`);
    body.push(`<text class="step-label" x="10" y="${y}">${failing ? '✗ ' : ''}${escapeMarkup(`${step.step === 'live' ? 'live' : `#${step.step}`} ${short(step.event, 16)}`)}</text>`);
    step.arrows.forEach((arrow, row) => body.push(drawArrow(arrow, x, y + row * ROW, id)));
    body.push('</g>');
    y += rows * ROW;
  });
  return { body, bottom: y };
}

/** A party's name in a box at the top and its lifeline down to `bottom`. */
function laneMarkup(party: string, at: number, bottom: number): string {
  return `<line class="lifeline" x1="${at}" x2="${at}" y1="${TOP - 8}" y2="${bottom}"/><rect class="party" x="${at - 50}" y="${TOP - 40}" width="100" height="28" rx="4"/><text class="party-label" x="${at}" y="${TOP - 21}">${escapeMarkup(party)}</text>`;
}

/** One message: a line between two lanes with its text above, or a note box over the server. */
function drawArrow(arrow: Arrow, x: (party: string) => number, y: number, id: string): string {
  const full = escapeMarkup(arrow.text);
  const text = escapeMarkup(short(arrow.text, LABEL_CHARS));
  if (arrow.kind === 'note') {
    const at = x(arrow.from);
    return `<g class="note"><title>${full}</title><rect x="${at - 85}" y="${y - 15}" width="170" height="20" rx="3"/><text x="${at}" y="${y}">${text}</text></g>`;
  }
  const from = x(arrow.from);
  const to = x(arrow.to);
  const kind = arrow.kind === 'lost' ? 'lost' : arrow.text.endsWith('(duplicate)') ? 'duplicate' : arrow.from === 'server' ? 'reply' : 'message';
  const middle = (from + to) / 2;
  // A lost reply stops short of its device and ends in a cross, and its text says LOST.
  const end = kind === 'lost' ? from + (to - from) * 0.7 : to + (to > from ? -4 : 4);
  const cross = kind === 'lost' ? `<text class="cross" x="${end}" y="${y + 5}">✕</text>` : '';
  const tag = kind === 'lost' ? 'LOST: ' : kind === 'duplicate' ? 'DUPLICATED: ' : '';
  const head = kind === 'lost' ? '' : ` marker-end="url(#${id}-head)"`;
  return `<g class="arrow ${kind}"><title>${full}</title><line x1="${from}" x2="${end}" y1="${y}" y2="${y}"${head}/>${cross}<text x="${middle}" y="${y - 5}">${escapeMarkup(tag)}${text}</text></g>`;
}

function short(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}
