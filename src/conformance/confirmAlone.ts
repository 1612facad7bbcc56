/**
 * Copies of a Python solution are separate processes, but they share the
 * machine: a solution that keeps its state outside its process (a fixed file,
 * a port, a lock) can have its copies disturb each other, and a check of its
 * modes at the same time could fail a solution that is correct on its own. So
 * before such a report stands, each counterexample it found is run again on
 * the first copy alone, every other one idle; if one does not fail again, the
 * caller checks the modes again one after another. A hang is not run again: it
 * was confirmed under the full timeout already, and running it again would cost
 * that timeout once more for every hang found.
 */
import { propertyById } from '../../properties/index.ts';
import type { ScenarioHost } from '../check/ScenarioHost.ts';
import type { ExplainedCounterexample, ModeReport } from './ConformanceReport.ts';

/** True when every counterexample of `modes` (hangs apart) fails again, run alone on `host`. */
export async function failuresStandAlone(host: ScenarioHost, modes: readonly ModeReport[], settings: { readonly strict: boolean; readonly timeoutMs: number }): Promise<boolean> {
  const counterexamples = modes.flatMap((mode) => mode.verdicts.flatMap((verdict) => (verdict.counterexample === undefined ? [] : [verdict.counterexample])));
  for (const counterexample of counterexamples.filter((item) => !isHang(item))) {
    const { property } = counterexample.finding;
    const again = await host.run(counterexample.scenario, { properties: [propertyById(property)], strict: settings.strict, timeoutMs: settings.timeoutMs });
    if (again.finding?.property !== property) return false;
  }
  return true;
}

/** A counterexample whose run met a call that did not answer in time (or whose run ended its process: no recording). */
function isHang(counterexample: ExplainedCounterexample): boolean {
  const steps = counterexample.recording?.steps;
  return steps === undefined || steps.some((step) => step.outcome?.kind === 'timeout');
}
