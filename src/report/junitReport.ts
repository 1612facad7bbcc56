/**
 * JUnit XML, as GitHub Actions (through a reporter action), GitLab and Jenkins
 * read it: <testsuites> holding one <testsuite> per implementation and one
 * <testcase> per property; a broken property is a <failure> whose body is the
 * shrunk trace and its replay command, a property not judged is <skipped>, a
 * file that could not be checked is one <error>. Counts and times on every level.
 * Valid against Jenkins' junit-10.xsd (xunit plugin), the strictest of the common shapes.
 */
import type { JudgedImplementation } from './judgedImplementation.ts';
import type { JsonProperty } from './jsonReport.ts';
import { escapeMarkup } from './markup.ts';

interface Suite {
  readonly xml: string;
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
  readonly seconds: number;
}

/** The whole XML document. */
export function junitReport(rows: readonly JudgedImplementation[]): string {
  const suites = rows.map(suiteOf);
  const sum = (key: 'tests' | 'failures' | 'errors' | 'skipped' | 'seconds'): number => suites.reduce((total, suite) => total + suite[key], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // No skipped= here: the Jenkins schema (junit-10.xsd) allows it on <testsuite> only; the suites count theirs.
    `<testsuites name="sync-check" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" time="${sum('seconds').toFixed(3)}">`,
    ...suites.map((suite) => suite.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suiteOf(row: JudgedImplementation): Suite {
  const name = escapeMarkup(row.file);
  const time = row.seconds.toFixed(3);
  if (row.report === undefined) {
    const reason = escapeMarkup(row.reason ?? 'could not be checked');
    const testcase = `    <testcase name="load and check" classname="${name}" time="${time}">\n      <error message="${reason}" type="error">${reason}</error>\n    </testcase>`;
    return { xml: `  <testsuite name="${name}" tests="1" failures="0" errors="1" skipped="0" time="${time}">\n${testcase}\n  </testsuite>`, tests: 1, failures: 0, errors: 1, skipped: 0, seconds: row.seconds };
  }
  const properties = row.report.properties;
  const failures = properties.filter((property) => property.status === 'fail').length;
  const skipped = properties.filter((property) => property.status === 'n/a').length;
  const cases = properties.map((property) => testcaseOf(row, property));
  const open = `  <testsuite name="${name}" tests="${properties.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">`;
  return { xml: [open, ...cases, '  </testsuite>'].join('\n'), tests: properties.length, failures, errors: 0, skipped, seconds: row.seconds };
}

/** One property: passed, failed (with the trace), skipped (not judged), or passed with its warning as output. */
function testcaseOf(row: JudgedImplementation, property: JsonProperty): string {
  const open = `    <testcase name="${escapeMarkup(`${property.id} ${property.name}`)}" classname="${escapeMarkup(row.file)}" time="0">`;
  const body = failureBody(row, property);
  switch (property.status) {
    case 'pass':
      return `${open.slice(0, -1)}/>`;
    case 'n/a':
      // The reason as text, not a message attribute: the Jenkins schema's <skipped> is a plain string.
      return `${open}\n      <skipped>not judged in the modes checked${property.id === 'R1' ? ' (R1 is judged only with --strict)' : ''}</skipped>\n    </testcase>`;
    case 'warn':
      return `${open}\n      <system-out>${escapeMarkup(`WARNED (a warning fails only under --strict)\n${body}`)}</system-out>\n    </testcase>`;
    case 'fail': {
      const message = property.counterexample?.message ?? `${property.id} failed`;
      return `${open}\n      <failure message="${escapeMarkup(message)}" type="${property.id}">${escapeMarkup(body)}</failure>\n    </testcase>`;
    }
  }
}

/** The finding as the text report prints it (trace table and replay command), or its one-line form. */
function failureBody(row: JudgedImplementation, property: JsonProperty): string {
  const detail = row.details?.find((details) => details.property === property.id);
  if (detail !== undefined) return detail.text;
  const counterexample = property.counterexample;
  if (counterexample === undefined) return `${property.id} ${property.name}: ${property.status}`;
  const replay = counterexample.replayFile === undefined ? '' : `\nreplay: npx sync-check --replay ${counterexample.replayFile}`;
  return `${counterexample.message}\nmode ${counterexample.mode}, ${counterexample.devices} devices: ${counterexample.trace}${replay}`;
}
