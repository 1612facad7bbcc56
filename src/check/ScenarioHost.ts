/** Where scenarios run: next to the implementation, wherever that lives. */
import type { Scenario } from '../../properties/index.ts';
import { runScenario, type RunResult, type RunSettings } from './runScenario.ts';
import type { ServiceFactory } from './service.ts';
import type { SequenceEvaluator } from './evaluateSequence.ts';

/**
 * An implementation as the engines see it. A worker-thread implementation runs
 * whole scenarios next to itself (one crossing per run instead of one per
 * message); in-process and child-process ones run them here. `factory` serves
 * the engines that watch every step (the exhaustive search, where the
 * implementation lives in this thread or another process).
 */
export interface ScenarioHost {
  readonly factory: ServiceFactory;
  run(scenario: Scenario, settings: RunSettings): Promise<RunResult>;
  /** Evaluates one sequence of an exhaustive search next to the implementation, when it lives apart. */
  readonly evaluateSequence?: SequenceEvaluator;
  /**
   * Loads another copy of the implementation, in processes of its own, so that
   * another mode can be searched at the same time (src/conformance/modeLanes.ts):
   * a Python file. Copies share the machine (files, ports), so what they find is
   * confirmed on one copy alone (src/conformance/confirmAlone.ts). Whoever made
   * this host stops the copies with it.
   */
  readonly copy?: () => Promise<ScenarioHost>;
  /** Stops the run in flight at once (its thread or process ends; the next run gets a fresh one), where it runs apart. */
  readonly abort?: () => void;
}

/** Runs scenarios in this thread, calling `factory`'s servers directly. */
export function hostHere(factory: ServiceFactory): ScenarioHost {
  return { factory, run: (scenario, settings) => runScenario(factory, scenario, settings) };
}

/** A host for either a host or a bare factory (the library API and tests pass factories). */
export function asHost(subject: ScenarioHost | ServiceFactory): ScenarioHost {
  return typeof subject === 'function' ? hostHere(subject) : subject;
}
