/**
 * The common JUnit XML shape (the one Jenkins' junit plugin, GitLab and the
 * GitHub reporter actions read, after Ant's junit task): <testsuites> with
 * tests/failures/errors/skipped/time, <testsuite> elements with the same counts
 * and a name, <testcase> elements with name, classname and time, holding at
 * most one <failure message type>, <error message> or <skipped> (Jenkins'
 * junit-10.xsd: no skipped= on <testsuites>, no attributes on <skipped>). A small
 * parser for what the report writes, so the test needs no XML library.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

/** Parses the elements, attributes and text of a document (no DTD, no CDATA, no namespaces: none are written). */
export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const root: XmlElement = { name: '#root', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  for (let match = token.exec(body); match !== null; match = token.exec(body)) {
    const [, closing, name, attributes, selfClosing, text] = match;
    const top = stack.at(-1)!;
    if (text !== undefined) top.text += unescape(text);
    else if (closing === '/') {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const element: XmlElement = { name: name!, attributes: attributesOf(attributes ?? ''), children: [], text: '' };
      top.children.push(element);
      if (selfClosing !== '/') stack.push(element);
    }
    if (token.lastIndex === body.length) break;
  }
  if (token.lastIndex !== body.length || stack.length !== 1) throw new Error(`not well-formed at offset ${token.lastIndex}`);
  return root;
}

function attributesOf(text: string): Record<string, string> {
  const pairs = [...text.matchAll(/([\w-]+)="([^"]*)"/g)].map((match): [string, string] => [match[1] ?? '', unescape(match[2] ?? '')]);
  return Object.fromEntries(pairs);
}

function unescape(text: string): string {
  if (/&(?!amp;|lt;|gt;|quot;|#39;)/.test(text)) throw new Error(`unknown entity in ${text.slice(0, 40)}`);
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const COUNTS = ['tests', 'failures', 'errors', 'skipped'] as const;

/** Every way the document departs from the shape; empty when it has it. */
export function junitProblems(xml: string): string[] {
  const problems: string[] = [];
  const [suites, ...extra] = parseXml(xml).children;
  if (suites?.name !== 'testsuites' || extra.length > 0) return ['the root is not one <testsuites>'];
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of suites.children) {
    if (suite.name !== 'testsuite') problems.push(`<${suite.name}> in <testsuites>`);
    if (!suite.attributes.name) problems.push('a <testsuite> without a name');
    const cases = suite.children.filter((child) => child.name === 'testcase');
    const counted = {
      tests: cases.length,
      failures: cases.filter((testcase) => testcase.children.some((child) => child.name === 'failure')).length,
      errors: cases.filter((testcase) => testcase.children.some((child) => child.name === 'error')).length,
      skipped: cases.filter((testcase) => testcase.children.some((child) => child.name === 'skipped')).length,
    };
    for (const count of COUNTS) {
      if (Number(suite.attributes[count]) !== counted[count]) problems.push(`${suite.attributes.name}: ${count}="${suite.attributes[count]}" but ${counted[count]} counted`);
      totals[count] += counted[count];
    }
    if (!/^\d+(\.\d+)?$/.test(suite.attributes.time ?? '')) problems.push(`${suite.attributes.name}: time="${suite.attributes.time}"`);
    for (const testcase of cases) problems.push(...testcaseProblems(testcase));
  }
  for (const count of COUNTS) if (count !== 'skipped' && Number(suites.attributes[count]) !== totals[count]) problems.push(`<testsuites ${count}="${suites.attributes[count]}"> but ${totals[count]} in its suites`);
  if (!/^\d+(\.\d+)?$/.test(suites.attributes.time ?? '')) problems.push('<testsuites> without a time');
  return problems;
}

function testcaseProblems(testcase: XmlElement): string[] {
  const problems: string[] = [];
  const label = `${testcase.attributes.classname} ${testcase.attributes.name}`;
  if (!testcase.attributes.name || !testcase.attributes.classname) problems.push(`a <testcase> without name or classname: ${label}`);
  if (!/^\d+(\.\d+)?$/.test(testcase.attributes.time ?? '')) problems.push(`${label}: time="${testcase.attributes.time}"`);
  const outcomes = testcase.children.filter((child) => ['failure', 'error', 'skipped'].includes(child.name));
  if (outcomes.length > 1) problems.push(`${label}: more than one of failure, error, skipped`);
  for (const child of testcase.children) {
    if (!['failure', 'error', 'skipped', 'system-out', 'system-err'].includes(child.name)) problems.push(`${label}: <${child.name}>`);
    if ((child.name === 'failure' || child.name === 'error') && !child.attributes.message) problems.push(`${label}: <${child.name}> without a message`);
  }
  return problems;
}
