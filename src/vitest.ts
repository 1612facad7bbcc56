/**
 * sync-check in a vitest suite (`sync-protocol-check/vitest`; vitest is an
 * optional peer dependency, and this is the only module that imports it):
 *
 *   describeConformance('my server', './src/server.ts', { seed: 1 });
 *
 * registers one `describe` with one test per property and mode, such as
 * "S1 agreement (fifo)". The check runs once, started by whichever of those
 * tests runs first; the others read the same report. A test fails with the
 * shrunk trace and the replay command; a warning passes, printed with
 * `console.warn` and attached to the test as a warning annotation (it fails
 * under `strict`, where warnings count). A property the check never judged
 * (cut short by its budget) fails: nothing was shown.
 *
 * The test that runs the check passes it its `signal`: when that test times
 * out or the run is cancelled, the check is aborted and its worker thread or
 * child process is stopped.
 *
 * Or, as a matcher: `expect.extend(conformanceMatchers)`, then
 * `await expect('./src/server.ts').toConform({ seed: 1 })`.
 */
import { afterAll, describe, test, type MatcherState } from 'vitest';
import { CATALOGUE, propertiesFor, type PropertyId } from '../properties/index.ts';
import { runCheck, type CheckResult } from './api/checkConformance.ts';
import { checkSettings, type CheckOptions } from './api/CheckOptions.ts';
import type { ConformanceTarget } from './api/ConformanceTarget.ts';
import { findingsText, propertyOutcome } from './api/propertyOutcome.ts';
import { DEFAULT_FAILURE_DIR } from './failures/failureStore.ts';

export type { CheckOptions } from './api/CheckOptions.ts';
export type { ConformanceTarget } from './api/ConformanceTarget.ts';

/** The default budget of a suite's check, as the CLI's `--budget`: far above what a default check takes. */
const SUITE_BUDGET_SECONDS = 600;
/** A test's timeout beyond the check's budget: time to stop the run in flight and write the report. */
const TIMEOUT_MARGIN_MS = 30_000;

export interface ConformanceSuiteOptions extends Omit<CheckOptions, 'out'> {
  /** Where replay files go, as `--out` (default `.sync-check/failures`, as the CLI); `false` writes nothing (then a failure names the seed that finds it again). */
  readonly out?: string | false;
  /** Each test's timeout in ms (the first test runs the whole check): default the budget plus 30 s. */
  readonly timeout?: number;
}

/** Registers `describe(name)` with one test per property and mode; see the module comment. */
export function describeConformance(name: string, target: ConformanceTarget, options: ConformanceSuiteOptions = {}): void {
  const { out = DEFAULT_FAILURE_DIR, timeout, ...rest } = options;
  const budgetSeconds = rest.budgetSeconds ?? SUITE_BUDGET_SECONDS;
  // Settled once, so that every test names the same modes and the report one seed.
  const settings = checkSettings({ ...rest, budgetSeconds });
  const checkOptions: CheckOptions = { ...rest, seed: settings.seed, budgetSeconds, ...(out === false ? {} : { out }) };
  const testTimeout = timeout ?? budgetSeconds * 1000 + TIMEOUT_MARGIN_MS;
  // Where the suite was declared: a failure points there, not into this module.
  const declaredAt = callerFrames(new Error().stack);
  describe(name, () => {
    const check = new SharedCheck(target, checkOptions, declaredAt);
    afterAll(() => check.stop());
    const tests = settings.modes.flatMap((mode) => propertiesFor(mode, settings.strict).map((property) => ({ mode, property })));
    // Property by property (catalogue order), each in every mode: one property's failures stand together.
    tests.sort((left, right) => catalogueIndex(left.property.id) - catalogueIndex(right.property.id));
    for (const { mode, property } of tests) {
      const title = `${property.id} ${property.name} (${mode})`;
      test(
        title,
        async ({ signal, annotate }) => {
          const result = await check.result(signal, title);
          const outcome = propertyOutcome(result, mode, property.id);
          if (outcome.status === 'fail' || outcome.status === 'n/a') throw failure(outcome.text, declaredAt);
          if (outcome.status === 'warn') {
            console.warn(outcome.text);
            await annotate(outcome.text, 'warning');
          }
        },
        testTimeout,
      );
    }
  });
}

/** The custom matchers: `expect.extend(conformanceMatchers)`. */
export const conformanceMatchers = {
  /** Passes when no property fails (warnings pass unless `strict`) and the check was not cut short. */
  async toConform(this: MatcherState, received: ConformanceTarget, options: CheckOptions = {}) {
    const result = await runCheck(received, options);
    const { implementation, verdict, seed, cutShort } = result.json;
    const pass = verdict !== 'fail' && cutShort === undefined;
    const why = verdict === 'fail' ? `it fails:\n\n${findingsText(result, 'fail')}` : `the check was cut short (${String(cutShort)}): not every property was judged`;
    return {
      pass,
      message: () => (pass ? `expected ${implementation} not to conform, but no property failed (verdict ${verdict}, seed ${seed})` : `expected ${implementation} to conform (seed ${seed}), but ${why}`),
    };
  },
};

declare module 'vitest' {
  // The type parameter must match vitest's own declaration to merge with it.
  // oxlint-disable-next-line typescript/no-explicit-any, typescript/no-unused-vars
  interface Matchers<T = any> {
    /** Checks the target (a path, `{ command }`, a class or a factory); see `conformanceMatchers`. */
    toConform(options?: CheckOptions): Promise<void>;
  }
}

/** The one check a suite's tests share: started by the first test that asks, with that test's signal. */
class SharedCheck {
  private running: Promise<CheckResult> | undefined;
  private startedBy = '';
  private readonly controller = new AbortController();

  constructor(
    private readonly target: ConformanceTarget,
    private readonly options: CheckOptions,
    private readonly declaredAt: string,
  ) {
    options.signal?.addEventListener('abort', () => this.controller.abort(options.signal?.reason), { once: true });
  }

  async result(testSignal: AbortSignal, title: string): Promise<CheckResult> {
    if (this.running === undefined) {
      this.startedBy = title;
      const forward = (): void => this.controller.abort(testSignal.reason);
      testSignal.addEventListener('abort', forward, { once: true });
      this.running = runCheck(this.target, { ...this.options, signal: this.controller.signal });
      this.running.finally(() => testSignal.removeEventListener('abort', forward)).catch(() => {});
    }
    try {
      return await this.running;
    } catch (error) {
      if (!this.controller.signal.aborted) throw error;
      const reason = this.controller.signal.reason as unknown;
      const why = reason instanceof Error ? reason.message : String(reason);
      throw failure(`the conformance check was aborted while "${this.startedBy}" ran it (that test runs the whole check; give describeConformance a larger \`timeout\` if it timed out): ${why}`, this.declaredAt, 'Error');
    }
  }

  /** Aborts a check still running when the suite ends (a test that gave up on it, a bail). */
  stop(): void {
    this.controller.abort(new Error('the suite ended'));
  }
}

function catalogueIndex(id: PropertyId): number {
  return CATALOGUE.findIndex((property) => property.id === id);
}

/** A test's failure (the counterexample, by default), whose stack is where the suite was declared. */
function failure(text: string, declaredAt: string, name = 'ConformanceFailure'): Error {
  const error = new Error(text);
  error.name = name;
  error.stack = `${error.name}: ${text}\n${declaredAt}`;
  return error;
}

/** The stack frames of the caller of describeConformance (the stack's first line and this module's own frame dropped). */
function callerFrames(stack: string | undefined): string {
  return (stack ?? '').split('\n').slice(2).join('\n');
}
