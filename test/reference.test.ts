import { describe, expect, it } from 'vitest';
import { NETWORK_MODES } from '../model/index.ts';
import { runConformance } from '../src/conformance/runConformance.ts';
import { createSyncService } from '../src/reference/SyncService.ts';
import { reportText } from '../src/report/reportText.ts';
import { testRuns, testSeed } from './support/testSeed.ts';

const RUNS = testRuns(1000);

describe(`reference server, ${RUNS} runs per mode (seed ${testSeed})`, () => {
  it.each(NETWORK_MODES)('passes every property strictly (warnings count, R1 included) in %s mode', async (mode) => {
    const report = await runConformance(createSyncService, { seed: testSeed, runs: RUNS, strict: true, modes: [mode] });
    if (report.verdict !== 'pass') console.log(reportText(report, () => `SYNC_SEED=${testSeed} npx vitest run test/reference.test.ts`));
    expect(report.verdict).toBe('pass');
    const judged = report.modes[0]?.verdicts.filter((verdict) => verdict.status !== 'n/a') ?? [];
    // Every property that is a guarantee in this mode was judged over every run.
    expect(judged.map((verdict) => verdict.runs)).toEqual(judged.map(() => RUNS));
    expect(judged.length).toBe(mode === 'fifo' ? 10 : 9);
  });
});
