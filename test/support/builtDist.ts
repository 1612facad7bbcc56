/**
 * The compiled package in dist/, as the suites that start the bin as a
 * separate process run it (as an installed user does: plain node, no tsx, so
 * each start costs a tenth of a second instead of one). It must be built from
 * the current sources: `npm test` has just built it; test/support/globalSetup.ts
 * builds it again before any suite when a source is newer.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** The bin, last of what scripts/build.mjs writes. */
export const BUILT_BIN = path.join(ROOT, 'dist/bin/sync-check.js');

/** The newest modification time of the files under `entry` (a file or a folder). */
function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** dist/ is built after every file the build reads changed. */
export function distIsFresh(): boolean {
  if (!existsSync(BUILT_BIN)) return false;
  const inputs = ['model', 'properties', 'src', 'scripts/build.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
  return Math.max(...inputs.map((input) => newestMtime(path.join(ROOT, input)))) < statSync(BUILT_BIN).mtimeMs;
}
