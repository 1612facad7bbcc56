/** The messages between the checker and the worker thread an implementation runs in. */
import type { CallOutcome, PropertyId, Scenario } from '../../../properties/index.ts';
import type { NetworkMode } from '../../../model/index.ts';
import type { RunResult } from '../../check/runScenario.ts';
import type { SequenceEvaluation, SequenceNode } from '../../check/evaluateSequence.ts';
import type { HarnessOptions } from '../../harness/harnessOptions.ts';
import type { HarnessResult } from '../../harness/HarnessResult.ts';

/** What the worker is started with. */
export interface WorkerSetup {
  readonly file: string;
  /** The implementation bundled into one plain ESM file, when it could be (moduleBundle.ts); tsx loads `file` otherwise. */
  readonly bundle: string | undefined;
  /** Shared counters the worker bumps as it works, so a blocked thread is seen from outside. */
  readonly heartbeat: SharedArrayBuffer;
}

/** Heartbeat slots: a counter bumped at every call's start and end, and the step being run. */
export const BEATS = 0;
export const STEP = 1;
/** The step value during the liveness phase. */
export const LIVENESS_STEP = -1;

export type WorkerRequest =
  | {
      readonly kind: 'run';
      readonly id: number;
      readonly scenario: Scenario;
      readonly properties: readonly PropertyId[];
      readonly strict: boolean;
      readonly timeoutMs: number;
    }
  | { readonly kind: 'create'; readonly id: number; readonly timeoutMs: number }
  | { readonly kind: 'call'; readonly id: number; readonly message: unknown; readonly timeoutMs: number }
  | {
      readonly kind: 'evaluate';
      readonly id: number;
      readonly mode: NetworkMode;
      readonly node: SequenceNode;
      readonly properties: readonly PropertyId[];
      readonly strict: boolean;
      readonly timeoutMs: number;
    }
  /** The original harness at full scale, next to the implementation. */
  | { readonly kind: 'simulate'; readonly id: number; readonly options: Omit<HarnessOptions, 'onProgress'> };

export type WorkerResponse =
  | { readonly kind: 'ready' }
  | { readonly kind: 'fatal'; readonly reason: string }
  | { readonly kind: 'ran'; readonly id: number; readonly result: RunResult }
  | { readonly kind: 'created'; readonly id: number; readonly error?: string; readonly hasSnapshot: boolean }
  | { readonly kind: 'called'; readonly id: number; readonly outcome: CallOutcome; readonly snapshot?: unknown }
  | { readonly kind: 'simulated'; readonly id: number; readonly result: HarnessResult }
  | { readonly kind: 'evaluated'; readonly id: number; readonly evaluation: SequenceEvaluation }
  /** The checker's own side failed in the worker: a bug of the suite, not of the implementation. */
  | { readonly kind: 'broken'; readonly id: number; readonly error: string };
