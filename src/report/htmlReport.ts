/**
 * The self-contained HTML report: one file, inline CSS and script, no request
 * to anywhere (its Content-Security-Policy forbids any), so it opens from disk.
 * A summary table of the implementations linking to each one's section, and for
 * every counterexample a diagram and a step-through view drawn from its recording.
 */
import { brokenText, countsLine, timeText } from './batchSummary.ts';
import { plural } from './counterexampleText.ts';
import { htmlCounterexample } from './htmlCounterexample.ts';
import { HTML_SCRIPT } from './htmlScript.ts';
import { HTML_STYLE } from './htmlStyle.ts';
import { inSummaryOrder, type JudgedImplementation } from './judgedImplementation.ts';
import { escapeMarkup as e } from './markup.ts';

/** Nothing but what the page itself holds. */
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** The page for `rows` (one or many implementations); `settings` is the line under the title. */
export function htmlReport(rows: readonly JudgedImplementation[], settings: string): string {
  const ordered = inSummaryOrder(rows);
  const title = `sync-check: ${countsLine(rows)}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${e(title)}</h1>`,
    `<p>${e(settings)}</p>`,
    summaryTable(ordered),
    ...ordered.map((row, index) => implementationSection(row, `impl-${index + 1}`)),
    '</main>',
    `<script>${HTML_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function summaryTable(rows: readonly JudgedImplementation[]): string {
  const lines = rows.map((row, index) => {
    const shortest = row.shortest === null ? '' : plural(row.shortest, 'event');
    return `<tr><td class="verdict verdict-${row.verdict}">${row.verdict.toUpperCase()}</td><td><a href="#impl-${index + 1}"><code>${e(row.file)}</code></a></td><td>${e(brokenText(row))}</td><td>${shortest}</td><td>${timeText(row)}</td><td>${e(row.reason ?? '')}</td></tr>`;
  });
  return [
    '<table class="summary"><caption>implementations, worst first</caption>',
    '<thead><tr><th scope="col">verdict</th><th scope="col">file</th><th scope="col">broken</th><th scope="col">shortest</th><th scope="col">time</th><th scope="col">note</th></tr></thead><tbody>',
    ...lines,
    '</tbody></table>',
  ].join('\n');
}

/** An implementation's section: its verdict, then each counterexample (or why it could not be checked). */
function implementationSection(row: JudgedImplementation, id: string): string {
  const details = row.details ?? [];
  const findings = row.report?.findings.length ?? 0;
  const body =
    row.verdict === 'error'
      ? [`<p>could not be checked: ${e(row.reason ?? '')}</p>`]
      : details.length > 0
        ? details.map((detail, index) => htmlCounterexample(detail.view, `${id}-${index + 1}`))
        : [`<p>${findings === 0 ? 'no counterexample: every property judged held' : `${plural(findings, 'finding')}, not described here`}</p>`];
  return [
    `<section class="implementation" id="${id}" aria-labelledby="${id}-heading">`,
    `<h2 id="${id}-heading"><span class="verdict verdict-${row.verdict}">${row.verdict.toUpperCase()}</span> <code>${e(row.file)}</code></h2>`,
    ...(row.broken.length + row.warned.length === 0 ? [] : [`<p>broken: ${e(brokenText(row))}</p>`]),
    ...body,
    '</section>',
  ].join('\n');
}
