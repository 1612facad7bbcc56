import { describe, expect, it } from 'vitest';
import { propertyById } from '../properties/index.ts';
import { modeSeed } from '../src/check/findCounterexample.ts';
import { runConformance } from '../src/conformance/runConformance.ts';
import { findCounterexample } from '../src/check/findCounterexample.ts';
import { createSyncService } from '../src/reference/SyncService.ts';
import { counterexampleText } from '../src/report/counterexampleText.ts';
import { formatTrace } from '../src/report/formatTrace.ts';
import { replayCommand, showExpected, testPath, testSeed } from './support/testSeed.ts';

const TITLE = 'a stale reply truncates the reference device';

describe(`finding about the device under reorder (seed ${testSeed})`, () => {
  it(TITLE, async () => {
    const search = { runs: 1000, seed: modeSeed(testSeed, 'reorder'), path: testPath, strict: false, timeoutMs: 1000 };
    const { counterexample } = await findCounterexample(createSyncService, 'reorder', [propertyById('S4')], search);
    expect(counterexample).toBeDefined();
    if (counterexample === undefined) return;
    const trace = formatTrace(counterexample);
    showExpected(`FINDING (device, not server): ${counterexampleText(counterexample, trace, replayCommand('test/reorderFinding.test.ts', TITLE, counterexample.origin.path))}`);
    // The shortest story: a probe from 0 while nothing is sent, a record, a second probe whose reply
    // arrives first; the liveness phase then hands over the stale first reply, which wipes the device.
    expect(trace.compact).toBe('probe[0] emit[0] probe[0] deliver[#2]');
    expect(trace.livenessRows.at(-1)?.event).toBe('deliver[#1]');
    expect(counterexample.finding.message).toBe('dev_0 went from 1 to 0 records');
  });

  it('is not held against the server: S4 is not judged in reorder mode', async () => {
    const report = await runConformance(createSyncService, { seed: testSeed, runs: 50, modes: ['reorder'] });
    expect(report.modes[0]?.verdicts.find((verdict) => verdict.id === 'S4')?.status).toBe('n/a');
    expect(report.verdict).toBe('pass');
  });
});
