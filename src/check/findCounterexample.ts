/** One fast-check search: generate scenarios for a mode, run them, shrink the first failure. */
import fc from 'fast-check';
import type { NetworkMode } from '../../model/index.ts';
import { scenarioArbitrary, type Property, type PropertyId, type Scenario, type ScenarioOptions } from '../../properties/index.ts';
import { runScenario, type Finding } from './runScenario.ts';
import type { ServiceFactory } from './service.ts';

export interface SearchOptions extends ScenarioOptions {
  readonly runs: number;
  /** fast-check's seed for this search. */
  readonly seed: number;
  /** fast-check's replay path: re-run exactly one counterexample. */
  readonly path?: string;
  readonly strict: boolean;
  readonly timeoutMs: number;
  /** Called after every generated run with the number of runs so far. */
  readonly onRun?: ((runs: number) => void) | undefined;
}

/** A shrunk failing scenario and everything needed to replay it. */
export interface Counterexample {
  readonly scenario: Scenario;
  readonly finding: Finding;
  readonly seed: number;
  readonly path: string;
  /** The properties the search judged; the path replays only with the same set. */
  readonly properties: readonly PropertyId[];
  readonly shrinks: number;
  /** Set when an exhaustive search found it: then it is a shortest one, and seed and path mean nothing. */
  readonly foundBy?: 'exhaustive';
}

export interface SearchResult {
  /** Runs executed before the search stopped (all of them when it passed). */
  readonly runs: number;
  readonly counterexample: Counterexample | undefined;
}

/** Searches for a scenario that violates one of `properties` in `mode`. */
export async function findCounterexample(
  factory: ServiceFactory,
  mode: NetworkMode,
  properties: readonly Property[],
  options: SearchOptions,
): Promise<SearchResult> {
  const runOptions = { properties, strict: options.strict, timeoutMs: options.timeoutMs };
  let runs = 0;
  const property = fc.asyncProperty(scenarioArbitrary(mode, options), async (scenario) => {
    const result = await runScenario(factory, scenario, runOptions);
    options.onRun?.(++runs);
    return result.finding === undefined;
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs,
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  if (!details.failed) return { runs: details.numRuns, counterexample: undefined };
  if (details.counterexample === null) throw new Error(`the search itself failed: ${String(details.errorInstance)}`);
  const [scenario] = details.counterexample;
  // Run the shrunk scenario once more to learn which property it breaks.
  const { finding } = await runScenario(factory, scenario, runOptions);
  if (finding === undefined) throw new Error(`a counterexample of seed ${options.seed} did not fail when run again: the implementation is not deterministic`);
  return {
    runs: details.numRuns,
    counterexample: {
      scenario,
      finding,
      seed: options.seed,
      path: details.counterexamplePath ?? '',
      properties: properties.map((item) => item.id),
      shrinks: details.numShrinks,
    },
  };
}
