/** Where the bench finds this repository's test fixtures: beside src/ (or dist/) in a clone, absent from an installed package. */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The package root: src/bench/ from sources, dist/src/bench/ compiled. */
export const ROOT = path.resolve(import.meta.dirname, import.meta.filename.endsWith('.ts') ? '../..' : '../../..');

/** What a section prints instead of figures that measure the repository's own fixtures. */
export const NEEDS_REPOSITORY = 'skipped: needs the sync-check repository (test fixtures)';

/** A file of the repository's test/ folder, or undefined when this is not a clone of the repository (an installed package). */
export function repositoryFile(relative: string): string | undefined {
  const file = path.join(ROOT, 'test', relative);
  return existsSync(file) ? file : undefined;
}
