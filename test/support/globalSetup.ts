/** Before any suite: dist/ built from the current sources, so no suite runs a stale compiled bin (a direct `npx vitest` after an edit). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { distIsFresh, ROOT } from './builtDist.ts';

export default function setup(): void {
  if (distIsFresh()) return;
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--no-check'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`scripts/build.mjs failed (exit ${built.status ?? built.signal}): the suites that run the compiled bin cannot run`);
}
