import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../properties/index.ts';
import { loadModule } from '../src/adapters/loadModule.ts';
import { runConformance } from '../src/conformance/runConformance.ts';
import { reportText, worstStatus } from '../src/report/reportText.ts';
import { correctAlternatives, FIXTURES } from './support/fixtures.ts';
import { deep, fastOrDeep } from './support/deep.ts';
import { testRuns, testSeed } from './support/testSeed.ts';

/** 50 runs per mode in `npm test` (the reference is judged at 1,000 per mode in test/reference.test.ts); 300 under `npm run test:deep`. */
const RUNS = testRuns(fastOrDeep(50, 300));

const cases = correctAlternatives().map((alternative) => ({ ...alternative, name: path.basename(alternative.file) }));

describe(`correct alternatives raise no false alarm, ${RUNS} runs per mode (seed ${testSeed})`, () => {
  it.each(cases)('$name: expect $verdict', async ({ file, verdict, warns }) => {
    // The verdict does not depend on how far a warning's trace shrinks: `npm test` caps shrinking at 0.1 s.
    const report = await runConformance(await loadModule(file), { seed: testSeed, runs: RUNS, ...(deep ? {} : { shrinkLimitMs: 100 }) });
    if (report.verdict !== verdict) console.log(reportText(report, () => `SYNC_SEED=${testSeed} npx vitest run test/correctAlternatives.test.ts`));
    expect(report.verdict).toBe(verdict);
    const warned = CATALOGUE.filter((property) => worstStatus(report, property.id) === 'warn').map((property) => property.id);
    expect(warned).toEqual(warns);
  });
});

describe(`R1 refinement under --strict (seed ${testSeed})`, () => {
  it.each([
    { name: 'resendsWholeLog.ts', reason: 'a probe from 1 is answered from 0' },
    { name: 'annotatesRecords.ts', reason: 'records carry an extra field' },
  ])('$name fails R1: $reason', async ({ name }) => {
    const factory = await loadModule(path.join(FIXTURES, 'correct', name));
    const report = await runConformance(factory, { seed: testSeed, runs: 50, strict: true, modes: ['fifo'] });
    expect(worstStatus(report, 'R1')).toBe('fail');
    expect(report.verdict).toBe('fail');
  });
});
