/** The messages between the checker and the worker thread an implementation runs in. */
import type { MessagePort } from 'node:worker_threads';
import type { CallOutcome } from '../../../properties/index.ts';
import type { HarnessOptions } from '../../harness/harnessOptions.ts';
import type { HarnessResult } from '../../harness/HarnessResult.ts';

/** What the worker is started with. */
export interface WorkerSetup {
  /** Where requests come and answers go (transferred to the worker). */
  readonly port: MessagePort;
  readonly file: string;
  /** The implementation bundled into one plain ESM file, when it could be (moduleBundle.ts); tsx loads `file` otherwise. */
  readonly bundle: string | undefined;
  /** Shared counters the worker bumps as it works, so a blocked thread is seen from outside. */
  readonly heartbeat: SharedArrayBuffer;
}

/** Heartbeat slot: a counter bumped at every call's start and end. */
export const BEATS = 0;

/**
 * Runs are driven and judged in the checker's thread (WorkerImplementation.ts): the worker only makes servers
 * and answers their calls, and runs the original harness at full scale (`simulate`), which it judges itself.
 */
export type WorkerRequest =
  | { readonly kind: 'create'; readonly id: number; readonly timeoutMs: number }
  | { readonly kind: 'call'; readonly id: number; readonly message: unknown; readonly timeoutMs: number }
  /** After a run: what escaped the implementation once its due timers and unhandled rejections have surfaced. */
  | { readonly kind: 'settle'; readonly id: number }
  /** The original harness at full scale, next to the implementation. */
  | { readonly kind: 'simulate'; readonly id: number; readonly options: Omit<HarnessOptions, 'onProgress'> };

export type WorkerResponse =
  | { readonly kind: 'ready' }
  | { readonly kind: 'fatal'; readonly reason: string }
  | { readonly kind: 'created'; readonly id: number; readonly error?: string; readonly hasSnapshot: boolean }
  | { readonly kind: 'called'; readonly id: number; readonly outcome: CallOutcome; readonly snapshot?: unknown }
  | { readonly kind: 'simulated'; readonly id: number; readonly result: HarnessResult }
  | { readonly kind: 'settled'; readonly id: number; readonly escaped: string | undefined }
  /** The checker's own side failed in the worker: a bug of the suite, not of the implementation. */
  | { readonly kind: 'broken'; readonly id: number; readonly error: string };
