import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeProbe, makeRecord, NETWORK_MODES, serverStep, type WireRecord } from '../model/index.ts';
import { propertyById } from '../properties/index.ts';
import { junkMessageArbitrary, scenarioArbitrary } from '../properties/arbitraries/index.ts';
import { modeSeed } from '../src/check/findCounterexample.ts';
import { runScenario } from '../src/check/runScenario.ts';
import { SyncService } from '../src/reference/SyncService.ts';
import { fastOrDeep } from './support/deep.ts';
import { testPath, testRuns, testSeed } from './support/testSeed.ts';

/** 100 sequences per mode in `npm test` (test/reference.test.ts judges the reference, R1 included, at 1,000 per mode); 1,000 under `npm run test:deep`. */
const RUNS = testRuns(fastOrDeep(100, 1000));

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

describe('the reference server is the pure server plus a mutable log', () => {
  const message = fc.oneof(
    fc.nat(2).map((device) => makeRecord(device, { timestamp: 't', data: { a: 'a', b: 'b', c: 'c' } })),
    fc.integer({ min: -1, max: 6 }).map((from) => makeProbe(0, from)),
    fc.constant({}),
    junkMessageArbitrary,
  );

  it('the same reply, error text included, and the same log after every message', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 30 }), (messages) => {
        const server = new SyncService();
        let log: readonly WireRecord[] = [];
        for (const sent of messages) {
          const model = serverStep(log, sent);
          expect(server.onMessage(sent)).toEqual(model.reply);
          log = model.log;
          expect(server.records()).toEqual(log);
        }
      }),
      { seed: testSeed, numRuns: 300 },
    );
  });
});
