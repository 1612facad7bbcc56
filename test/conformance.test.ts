/**
 * The conformance suite: every property in every mode, 200 runs per mode (50 for the
 * reference, which test/reference.test.ts judges at 1,000)
 * (SYNC_RUNS to change, SYNC_SEED to pick the seed, SYNC_STRICT=1 for --strict),
 * through the vitest helper, against the reference, or against any implementation:
 *
 *   SYNC_IMPL=path/to/server.ts npm test        (.ts, .mts, .cts, .js, .mjs, .cjs or .py)
 *   SYNC_COMMAND="program args" npm test         (any program over the stdio wire protocol)
 *
 * With either set, vitest.config.ts runs this file alone.
 */
import path from 'node:path';
import type { ConformanceTarget } from '../src/index.ts';
import { describeConformance } from '../src/vitest.ts';
import { testRuns, testSeed } from './support/testSeed.ts';

const REFERENCE = path.resolve(import.meta.dirname, '../src/reference/SyncService.ts');

function target(): { target: ConformanceTarget; name: string } {
  const file = process.env.SYNC_IMPL || undefined;
  const command = process.env.SYNC_COMMAND || undefined;
  if (file !== undefined && command !== undefined) throw new Error('set SYNC_IMPL or SYNC_COMMAND, not both');
  if (command !== undefined) return { target: { command }, name: `--command "${command}"` };
  if (file !== undefined) return { target: file, name: file };
  return { target: REFERENCE, name: 'the reference' };
}

const { target: checked, name } = target();
// The reference is judged at 1,000 runs per mode in test/reference.test.ts; here it only shows the helper works.
const runs = testRuns(checked === REFERENCE ? 50 : 200);
const strict = process.env.SYNC_STRICT === '1';

describeConformance(`conformance of ${name}, ${runs} runs per mode (seed ${testSeed}${strict ? ', strict' : ''})`, checked, { seed: testSeed, runs, strict });
