import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { NETWORK_MODES } from '../model/index.ts';
import { propertyById, scenarioArbitrary } from '../properties/index.ts';
import { modeSeed } from '../src/check/runConformance.ts';
import { runScenario } from '../src/check/runScenario.ts';
import { SyncService } from '../src/reference/SyncService.ts';
import { testPath, testRuns, testSeed } from './support/testSeed.ts';

const RUNS = testRuns(1000);

describe(`reference implementation and pure model agree (seed ${testSeed})`, () => {
  it.each(NETWORK_MODES)(`reply for reply (R1) and state for state, ${RUNS} sequences in %s mode`, async (mode) => {
    const property = fc.asyncProperty(scenarioArbitrary(mode), async (scenario) => {
      let server = new SyncService();
      const result = await runScenario(
        () => (server = new SyncService()),
        scenario,
        {
          properties: [propertyById('R1')],
          strict: true,
          timeoutMs: 1000,
          observe: (world, model) => {
            const devices = world.devices.map((device) => ({ records: device.records, sent: device.sent }));
            if (!isDeepStrictEqual(devices, model.devices)) throw new Error('device states differ from the model');
            if (!isDeepStrictEqual(server.records(), model.log)) throw new Error('server log differs from the model');
          },
        },
      );
      if (result.finding !== undefined) throw new Error(`${result.finding.property}: ${result.finding.message}`);
    });
    await fc.assert(property, { seed: modeSeed(testSeed, mode), numRuns: RUNS, ...(testPath ? { path: testPath } : {}) });
  });
});
