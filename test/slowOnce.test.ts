/**
 * A hang seen once that answers when run again (a slow reply, a cold start) is no verdict, and no reason to
 * stop searching either: the search goes on after it and still finds what the runs after it break. It once
 * ended there, with every property "pass" after one run per mode (adversarial review: a server that syncs
 * nothing past 26 records, slow on its first probe only, got PASS).
 */
import { describe, expect, it } from 'vitest';
import { propertyById, type Scenario } from '../properties/index.ts';
import { findCounterexample } from '../src/check/findCounterexample.ts';
import type { RunResult, RunSettings } from '../src/check/runScenario.ts';
import type { ScenarioHost } from '../src/check/ScenarioHost.ts';

const PASSED: RunResult = { finding: undefined, roundsToConverge: 1, slowestCallMs: 1 };

/**
 * A stand-in server: its first run hangs on S6 and answers when that run is made again (the confirmation);
 * every run after that breaks L1. Runs before it (shrinking the hang) pass, so only a search that goes on finds L1.
 */
function slowOnceThenBroken(): ScenarioHost {
  let hungOn: Scenario | undefined;
  let confirmed = false;
  return {
    factory: () => ({ onMessage: () => undefined }),
    run(scenario: Scenario, settings: RunSettings): Promise<RunResult> {
      const judges = (id: string): boolean => settings.properties.some((property) => property.id === id);
      if (hungOn === undefined && judges('S6')) {
        hungOn = scenario;
        return Promise.resolve({ ...PASSED, hung: true, finding: { property: 'S6', level: 'fail', message: 'no answer', step: 1 } });
      }
      confirmed ||= scenario === hungOn;
      if (confirmed && scenario !== hungOn && judges('L1')) return Promise.resolve({ ...PASSED, finding: { property: 'L1', level: 'fail', message: 'not converged', step: undefined } });
      return Promise.resolve(PASSED);
    },
  };
}

describe('a hang that does not hang again', () => {
  it('is not reported, and the search goes on to the failure after it', async () => {
    const host = slowOnceThenBroken();
    const properties = [propertyById('S6'), propertyById('L1')];
    const found = await findCounterexample(host, 'fifo', properties, { runs: 50, seed: 1, strict: false, timeoutMs: 100 });
    expect(found.counterexample?.finding.property).toBe('L1');
    expect(found.runs).toBeGreaterThan(1);
  });

  it('passes only after every run was made', async () => {
    const host = slowOnceThenBroken();
    const found = await findCounterexample(host, 'fifo', [propertyById('S6')], { runs: 50, seed: 1, strict: false, timeoutMs: 100 });
    expect(found.counterexample).toBeUndefined();
    expect(found.runs).toBe(50);
  });
});
