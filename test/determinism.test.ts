import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModule } from '../src/adapters/loadModule.ts';
import { runConformance } from '../src/conformance/runConformance.ts';
import type { ServiceFactory } from '../src/check/service.ts';
import { createSyncService } from '../src/reference/SyncService.ts';
import { reportText } from '../src/report/reportText.ts';
import { FIXTURES } from './support/fixtures.ts';
import { deep } from './support/deep.ts';
import { testSeed } from './support/testSeed.ts';

/** The law: producing a report twice from the same seed gives the same bytes. */
async function expectSameBytesTwice(produce: () => Promise<string>): Promise<string> {
  const first = await produce();
  const second = await produce();
  expect(second).toBe(first);
  return first;
}

/** Runs per mode: byte-identity does not depend on how many, and 40 already give a mutant several findings to shrink. */
const RUNS = 40;

function reportFor(factory: () => Promise<ServiceFactory> | ServiceFactory, seed: number): () => Promise<string> {
  return async () => {
    const report = await runConformance(await factory(), { seed, runs: RUNS });
    return reportText(report, ({ origin }) => (origin.kind === 'random' ? `seed ${origin.seed} path ${origin.path}` : origin.kind));
  };
}

const mutant = () => loadModule(path.join(FIXTURES, 'mutants/perDeviceLists.ts'));
/** The mutant's report at the test seed, kept from the byte-identity test for the different-seed one. */
let mutantReport: string | undefined;

describe(`the same seed gives byte-identical output (seed ${testSeed})`, () => {
  it.each([
    { name: 'reference', factory: () => createSyncService as ServiceFactory },
    { name: 'mutant perDeviceLists', factory: mutant },
    // A warning's report (10 s): `npm run test:deep`.
    ...(deep ? [{ name: 'correct batchesAtMostThree (warns)', factory: () => loadModule(path.join(FIXTURES, 'correct/batchesAtMostThree.ts')) }] : []),
  ])('$name', async ({ factory }) => {
    const text = await expectSameBytesTwice(reportFor(factory, testSeed));
    expect(text).toContain(`seed ${testSeed}`);
    if (factory === mutant) mutantReport = text;
  });

  it('a different seed explores different runs', async () => {
    const atTestSeed = mutantReport ?? (await reportFor(mutant, testSeed)());
    const other = await reportFor(mutant, testSeed + 1)();
    expect(other).toContain('verdict: FAIL');
    expect(other).not.toBe(atTestSeed);
  });
});
