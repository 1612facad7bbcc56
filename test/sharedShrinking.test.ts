/**
 * One trace often breaks several properties; the search shrinks it once and
 * the next property's shrinking goes on from there (continueFrom), and a later
 * search does not run again the runs an earlier one found clean (cleanRuns).
 * Both save work without changing what is judged: shown here by counting the
 * servers a search creates (one per run), and on a mutant whose one bug
 * breaks four properties.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { propertiesFor, propertyById } from '../properties/index.ts';
import { loadModule } from '../src/adapters/loadModule.ts';
import { ABANDONED_LIMIT, findCounterexample, modeSeed } from '../src/check/findCounterexample.ts';
import type { RunResult } from '../src/check/runScenario.ts';
import type { ScenarioHost } from '../src/check/ScenarioHost.ts';
import type { ServiceFactory } from '../src/check/service.ts';
import { runConformance } from '../src/conformance/runConformance.ts';
import { createSyncService } from '../src/reference/SyncService.ts';
import { FIXTURES } from './support/fixtures.ts';

/** The reference, counting the servers made. */
function countingReference(): { factory: ServiceFactory; made: () => number } {
  let made = 0;
  return {
    factory: () => {
      made++;
      return createSyncService();
    },
    made: () => made,
  };
}

const SEARCH = { seed: modeSeed(7, 'fifo'), strict: false, timeoutMs: 1000 } as const;

describe('work a search shares with the one before it', () => {
  it('cleanRuns: the runs an earlier search found clean count as judged and are not run again', async () => {
    const all = countingReference();
    const full = await findCounterexample(all.factory, 'fifo', propertiesFor('fifo', false), { ...SEARCH, runs: 20 });
    const skipping = countingReference();
    const rest = await findCounterexample(skipping.factory, 'fifo', propertiesFor('fifo', false), { ...SEARCH, runs: 20, cleanRuns: 15 });
    expect(full.counterexample).toBeUndefined();
    expect(rest.counterexample).toBeUndefined();
    expect(rest.runs).toBe(full.runs);
    expect(all.made()).toBe(20);
    expect(skipping.made()).toBe(5);
  });

  it('cleanRunsAbandoned: clean runs the server abandoned count as abandoned again, towards the limit, without running', async () => {
    // A stand-in host: generated runs 0, 2 and 4 are abandoned (the server stopped answering), every other run is clean.
    const host = (): { host: ScenarioHost; asked: () => number } => {
      let asked = 0;
      let index = 0;
      return {
        host: {
          factory: createSyncService,
          run: (): Promise<RunResult> => {
            asked++;
            const abandoned = index++ % 2 === 0 && index <= 5;
            return Promise.resolve({ finding: undefined, roundsToConverge: undefined, ...(abandoned ? { abandoned: 'the server stopped answering' } : {}) });
          },
        },
        asked: () => asked,
      };
    };
    const all = host();
    const full = await findCounterexample(all.host, 'fifo', propertiesFor('fifo', false), { ...SEARCH, runs: 20 });
    const skipping = host();
    // The first 6 runs were run by an earlier search: 3 of them abandoned. The stand-in numbers the runs it is asked for, so it starts again at 0 (clean runs 0, 2, 4 would be abandoned again).
    const rest = await findCounterexample(skipping.host, 'fifo', propertiesFor('fifo', false), { ...SEARCH, runs: 20, cleanRuns: 6, cleanRunsAbandoned: 3 });
    expect(full).toMatchObject({ runs: 20, abandoned: 3 });
    expect(rest).toMatchObject({ runs: 20, abandoned: 6, abandonedCarried: 3 });
    expect(all.asked()).toBe(20);
    expect(skipping.asked()).toBe(14);
    // With as many carried as the limit, the search gives up at once: nothing more is run, nothing more is judged.
    const givingUp = host();
    const none = await findCounterexample(givingUp.host, 'fifo', propertiesFor('fifo', false), { ...SEARCH, runs: 20, cleanRuns: 12, cleanRunsAbandoned: ABANDONED_LIMIT });
    expect(none).toMatchObject({ runs: 12, abandoned: ABANDONED_LIMIT, gaveUp: true });
    expect(givingUp.asked()).toBe(0);
  });

  it('continueFrom a trace that breaks none of the properties ends after that one run', async () => {
    const mutant = await loadModule(path.join(FIXTURES, 'mutants/perDeviceLists.ts'));
    const found = await findCounterexample(mutant, 'fifo', [propertyById('S1')], { ...SEARCH, runs: 50 });
    const shrunkPath = found.counterexample?.origin.path ?? '';
    expect(shrunkPath).not.toBe('');
    // The reference breaks nothing on that trace: fast-check alone would go on through the trace's untried siblings.
    const reference = countingReference();
    const continued = await findCounterexample(reference.factory, 'fifo', [propertyById('S2')], { ...SEARCH, runs: 50, continueFrom: shrunkPath });
    expect(continued.counterexample).toBeUndefined();
    expect(reference.made()).toBe(1);
  });

  it('a trace that breaks four properties is shrunk once: the same trace for each, at little more than one search costs', async () => {
    const mutant = await loadModule(path.join(FIXTURES, 'mutants/perDeviceLists.ts'));
    let made = 0;
    const counting: ServiceFactory = () => {
      made++;
      return mutant();
    };
    await findCounterexample(counting, 'fifo', propertiesFor('fifo', false), { ...SEARCH, runs: 40 });
    const oneSearch = made;
    made = 0;
    const report = await runConformance(counting, { seed: 7, runs: 40, modes: ['fifo'] });
    const found = report.modes[0]?.verdicts.filter((verdict) => ['S1', 'S2', 'S3', 'L1'].includes(verdict.id)).map((verdict) => verdict.counterexample) ?? [];
    expect(found).toHaveLength(4);
    expect(new Set(found.map((counterexample) => counterexample?.scenario.events.length)).size).toBe(1);
    for (const counterexample of found) expect(counterexample?.origin.kind === 'random' && counterexample.origin.shrinks).toBeGreaterThan(0);
    // Measured (seed 7): one search with its shrinking makes 187 servers; the whole check 262, where shrinking
    // each of the four properties from the full run made 812.
    expect(made).toBeLessThan(2 * oneSearch);
  });
});
