/**
 * One counterexample in the HTML report: what broke, the SVG diagram, the
 * step-through view (a slider, buttons and ←/→ over states rendered here) and
 * every step as a table. Every text is escaped: most of it is the implementation's.
 */
import { escapeMarkup as e } from './markup.ts';
import type { CounterexampleView, ViewStep } from './stepView.ts';
import { svgDiagram } from './svgDiagram.ts';

/** The `<article>` of a counterexample; `id` is unique in the page. */
export function htmlCounterexample(view: CounterexampleView, id: string): string {
  const failing = Math.max(view.failingStep, 0);
  const heading = `${view.property} ${view.name} ${view.level === 'fail' ? 'FAILED' : 'WARNED'}`;
  const lines = [
    `<article class="counterexample" id="${id}" data-failing="${failing}" aria-labelledby="${id}-heading">`,
    `<h3 id="${id}-heading">${e(heading)}</h3>`,
    `<p class="statement">${e(view.statement)}</p>`,
    `<p><strong>${e(view.message)}</strong></p>`,
    `<p>mode ${e(view.mode)}, ${view.deviceIds.length} device${view.deviceIds.length === 1 ? '' : 's'}: <code>${e(view.compact)}</code></p>`,
    ...(view.note === '' ? [] : [`<p class="hint">${e(view.note)}</p>`]),
    `<p>replay: <code>${e(view.replay)}</code></p>`,
  ];
  if (view.steps.length === 0) return [...lines, `<p>${e(view.explanation)}</p>`, '</article>'].join('\n');
  return [
    ...lines,
    `<div class="diagram-box" role="region" aria-label="sequence diagram" tabindex="0">`,
    svgDiagram(view, id),
    '</div>',
    stepper(view, id, failing),
    stepTable(view, id),
    '</article>',
  ].join('\n');
}

/** The slider, its buttons and one state per step (all but the shown one hidden). */
function stepper(view: CounterexampleView, id: string, failing: number): string {
  const states = view.steps.map((step, index) => stateMarkup(view, step, index, failing));
  return [
    `<div class="stepper">`,
    `<div class="controls">`,
    `<label for="${id}-slider">step</label>`,
    `<input type="range" id="${id}-slider" min="0" max="${view.steps.length - 1}" step="1" value="${failing}" aria-describedby="${id}-keys">`,
    `<button type="button" data-go="first" aria-label="first step">first</button>`,
    `<button type="button" data-go="previous" aria-label="previous step">← previous</button>`,
    `<button type="button" data-go="next" aria-label="next step">next →</button>`,
    `<button type="button" data-go="failing">go to the failing step</button>`,
    '</div>',
    `<p class="hint" id="${id}-keys">Keys: ← and → move one step, Home and End to the first and last; the step where the property breaks is marked ✗.</p>`,
    `<div class="states" aria-live="polite">`,
    ...states,
    '</div>',
    '</div>',
  ].join('\n');
}

/** One step's state: where it stands relative to the failure, the event, and what every device and the server held after it. */
function stateMarkup(view: CounterexampleView, step: ViewStep, index: number, failing: number): string {
  const total = view.steps.length;
  const label = `step ${index + 1} of ${total}: ${step.step === 'live' ? 'liveness phase' : `#${step.step}`} ${step.event}${index === failing ? ', the failing step' : ''}`;
  const relation =
    index === failing
      ? `<p class="broken">✗ The property breaks here. ${e(view.explanation)}</p>`
      : `<p class="relative">${index < failing ? `${failing - index} step${failing - index === 1 ? '' : 's'} before the failing step` : `${index - failing} step${index - failing === 1 ? '' : 's'} after the failing step`}</p>`;
  const devices = view.deviceIds.map((device, at) => `<tr><th scope="row">${e(device)}</th><td class="mono" data-device="${e(device)}">${e(step.devices[at] ?? '[]')}</td></tr>`);
  return [
    `<div class="state${index === failing ? ' failing' : ''}" data-step="${index}" data-label="${e(label)}"${index === failing ? '' : ' hidden'}>`,
    `<p class="where">${e(label)}</p>`,
    relation,
    `<table><tbody>`,
    `<tr><th scope="row">event</th><td class="mono" data-field="event">${e(step.event)}</td></tr>`,
    `<tr><th scope="row">message to server</th><td class="mono">${e(step.message || '-')}</td></tr>`,
    `<tr><th scope="row">reply</th><td class="mono">${e(step.reply || '-')}</td></tr>`,
    '</tbody></table>',
    `<table><caption>after this event</caption><thead><tr><th scope="col">who</th><th scope="col">records held</th></tr></thead><tbody>`,
    ...devices,
    `<tr><th scope="row">server (records received, in order)</th><td class="mono" data-server="received">${e(step.received)}</td></tr>`,
    '</tbody></table>',
    '</div>',
  ].join('\n');
}

/** Every step at once, as the text report's table: for reading without the script, or printing. */
function stepTable(view: CounterexampleView, id: string): string {
  const header = ['#', 'event', 'message to server', 'reply', ...view.deviceIds, 'server received'];
  const rows = view.steps.map((step, index) => {
    const cells = [step.step, step.event, step.message, step.reply, ...step.devices, step.received].map((cell) => `<td class="mono">${e(cell)}</td>`);
    const mark = index === view.failingStep ? ' class="failing" aria-label="the failing step"' : '';
    return `<tr${mark}>${cells.join('')}${index === view.failingStep ? '<td>✗ breaks here</td>' : '<td></td>'}</tr>`;
  });
  return [
    `<details><summary>every step as a table</summary>`,
    `<table id="${id}-table"><thead><tr>${header.map((cell) => `<th scope="col">${e(cell)}</th>`).join('')}<th scope="col">note</th></tr></thead><tbody>`,
    ...rows,
    '</tbody></table></details>',
  ].join('\n');
}
