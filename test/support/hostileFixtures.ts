/** The hostile fixtures, read from their first lines: `// hostile: what it does; expect VERDICT`. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isPropertyId, type PropertyId } from '../../properties/index.ts';
import { FIXTURES } from './fixtures.ts';

export interface HostileFixture {
  readonly file: string;
  readonly behaviour: string;
  /** `exit 2`: refused at load; otherwise the verdict and the property that must carry it. */
  readonly expected: { readonly kind: 'refused' } | { readonly kind: 'verdict'; readonly verdict: 'pass' | 'warn' | 'fail'; readonly property: PropertyId | undefined };
  /** Programs that speak the wire protocol themselves run with --command. */
  readonly isProgram: boolean;
}

const HEADER = /^(?:\/\/|#) hostile: (.+); expect (exit 2|pass|(?:fail|warn) (\w+))$/;

export function hostileFixtures(): HostileFixture[] {
  const directory = path.join(FIXTURES, 'hostile');
  return readdirSync(directory)
    .filter((name) => /\.(ts|py)$/.test(name))
    .sort()
    .map((name) => {
      const file = path.join(directory, name);
      const header = readFileSync(file, 'utf8').split('\n')[0] ?? '';
      const match = HEADER.exec(header);
      if (match === null) throw new Error(`${file}: first line is not a hostile header: ${header}`);
      const expectation = match[2] ?? '';
      const property = match[3];
      if (property !== undefined && !isPropertyId(property)) throw new Error(`${file}: unknown property ${property}`);
      const expected =
        expectation === 'exit 2'
          ? ({ kind: 'refused' } as const)
          : ({ kind: 'verdict', verdict: expectation.split(' ')[0] as 'pass' | 'warn' | 'fail', property } as const);
      return { file, behaviour: match[1] ?? '', expected, isProgram: name.endsWith('_server.py') };
    });
}
