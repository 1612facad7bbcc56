/** A loaded implementation: where its scenarios run, and how to stop it. */
import type { ScenarioHost } from '../check/ScenarioHost.ts';
import type { HarnessOptions } from '../harness/harnessOptions.ts';
import type { HarnessResult } from '../harness/HarnessResult.ts';
import type { CapturedOutput } from './worker/outputCapture.ts';

export interface LoadedImplementation extends ScenarioHost {
  /** Stops the thread or process the implementation runs in. */
  readonly close: () => Promise<void>;
  /** Stops the run in flight at once (its thread or process ends; the next run gets a fresh one). */
  readonly abort: () => void;
  /** Runs the original harness where the implementation lives, when that is not here (a worker thread). */
  readonly simulate?: (options: Omit<HarnessOptions, 'onProgress'>) => Promise<HarnessResult>;
  /** What the implementation printed, when its output is captured apart from the checker's. */
  readonly capturedOutput?: () => CapturedOutput;
}
