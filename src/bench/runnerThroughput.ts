/** Protocol events per second the property runner judges against the in-process reference. */
import fc from 'fast-check';
import { initialState, NETWORK_MODES, step } from '../../model/index.ts';
import { CATALOGUE, type Scenario } from '../../properties/index.ts';
import { scenarioArbitrary } from '../../properties/arbitraries/index.ts';
import { runScenario } from '../check/runScenario.ts';
import { createSyncService } from '../reference/SyncService.ts';
import { timed, type Figure } from './measure.ts';

/** The same scenarios every time: fast-check's sampler with a fixed seed. */
export function benchScenarios(perMode: number): Scenario[] {
  return NETWORK_MODES.flatMap((mode) => fc.sample(scenarioArbitrary(mode), { seed: 42, numRuns: perMode }));
}

export async function runnerThroughput(scenarios: readonly Scenario[]): Promise<Figure> {
  let events = 0;
  const countStep = (): void => {
    events++;
  };
  const options = { properties: CATALOGUE, strict: true, timeoutMs: 1000, onStep: countStep };
  const { seconds } = await timed(async () => {
    for (const scenario of scenarios) await runScenario(createSyncService, scenario, options);
  });
  return {
    name: 'runner events/s',
    value: Math.round(events / seconds),
    unit: 'events/s',
    detail: `${events} events (${scenarios.length} runs, liveness phase included), every property judged, messages deep-copied`,
  };
}

export async function modelThroughput(scenarios: readonly Scenario[], repeat: number): Promise<Figure> {
  let steps = 0;
  const { seconds } = await timed(() => {
    for (let round = 0; round < repeat; round++) {
      for (const scenario of scenarios) {
        let state = initialState(scenario.mode, scenario.deviceCount);
        for (const event of scenario.events) state = step(state, event);
        steps += scenario.events.length;
      }
    }
  });
  return { name: 'model steps/s', value: Math.round(steps / seconds), unit: 'steps/s', detail: `${steps} pure model steps` };
}
