import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NETWORK_MODES } from '../model/index.ts';
import { CATALOGUE } from '../properties/index.ts';

const README = readFileSync(path.resolve(import.meta.dirname, '../README.md'), 'utf8');

/** The README's property table row for a catalogue entry, as it must read. */
function expectedRow(property: (typeof CATALOGUE)[number]): string {
  const modes = property.modes.length === NETWORK_MODES.length ? 'all' : property.modes.join(', ');
  const level = property.strictOnly ? `${property.level} (strict only)` : property.level;
  return `| ${property.id} | ${property.name} | ${level} | ${modes} | ${property.statement} |`;
}

describe('the README tells the truth', () => {
  it.each(CATALOGUE.map((property) => ({ id: property.id, row: expectedRow(property) })))(
    'its property table has the catalogue row for $id',
    ({ row }) => {
      expect(README).toContain(row);
    },
  );
});
